import { ConfigStore, DEFAULT_CONFIG, configPathFromEnv, type TallyConfig } from '../config';

// The dashboard (bundled by Next.js) and the CLI share one process: the config in force lives
// on globalThis, like the database, so both read the same one.
const holder = globalThis as typeof globalThis & { __tallyConfig?: { current(): TallyConfig } };

/** Installs the running config (a ConfigStore that reloads on change, or a fixed config). */
export function setConfigSource(source: { current(): TallyConfig }): void {
  holder.__tallyConfig = source;
}

/**
 * The config in force. Without `tally start` (e.g. `next dev`) it is read once from
 * TALLY_CONFIG; a broken file there throws, as it would refuse `tally start`.
 */
export function currentConfig(): TallyConfig {
  holder.__tallyConfig ??= new ConfigStore(configPathFromEnv());
  return holder.__tallyConfig.current();
}

/** The demo's config when none is given: kube-system and monitoring shared over the teams. */
export const DEMO_CONFIG: TallyConfig = {
  ...DEFAULT_CONFIG,
  shared: { ...DEFAULT_CONFIG.shared, namespaces: ['kube-system', 'monitoring'] },
};
