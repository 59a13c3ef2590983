/** `tally.yaml` (DESIGN.md §4): schema with defaults, loading with line-numbered errors, live reload. */
export { DEFAULT_CONFIG, PROVIDERS, tallyConfigSchema, type TallyConfig } from './schema';
export { ConfigError, type ConfigIssue } from './errors';
export { configFromText, configPathFromEnv, formatPath, loadConfigFile, parseConfig, readConfigText } from './load';
export { ConfigStore, type ConfigStoreOptions, type ReloadResult } from './store';
export { cronProblem } from './cron';
