/** Reads `tally.yaml`: YAML → zod, with every error pointing at its line and column. */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './errors';
import { locate, type SourceDocument } from './locate';
import { tallyConfigSchema, type TallyConfig } from './schema';

export { ConfigError, type ConfigIssue } from './errors';

type Path = readonly PropertyKey[];

const KIND: Record<string, string> = { object: 'a mapping', record: 'a mapping', array: 'a list', int: 'an integer', number: 'a number', string: 'a string' };

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}

/** Plain-words messages for zod's generic issues; the schema's own messages take precedence. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `is required (${KIND[issue.expected] ?? issue.expected})`;
      return `expected ${KIND[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'too_big':
      return issue.origin === 'number' ? `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}` : undefined;
    case 'too_small':
      return issue.origin === 'number' ? `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}` : undefined;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return undefined;
  }
}

interface Located {
  path: Path;
  reason: string;
  /** Point at the key rather than its value (unknown or invalid keys). */
  atKey: boolean;
}

/** Flattens zod issues: one per unknown key; a record's invalid key gets its inner reason. */
function flatten(issues: readonly z.core.$ZodIssue[]): Located[] {
  return issues.flatMap((issue): Located[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...issue.path, key], reason: 'unknown key', atKey: true }));
    }
    if (issue.code === 'invalid_key') {
      const reason = issue.issues.map((inner) => inner.message).join('; ');
      return [{ path: issue.path, reason: `invalid key: ${reason}`, atKey: true }];
    }
    return [{ path: issue.path, reason: issue.message, atKey: false }];
  });
}

/** `pricing.discountPercent`, `invoices[1].month`, `shared.labels["app.kubernetes.io/part-of"]`. */
export function formatPath(path: Path): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const name = String(segment);
      if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) return i === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join('');
}

/**
 * Parses and validates the text of a config file. An empty file (or one of comments only)
 * yields the defaults. Throws a ConfigError naming `fileName`, the 1-based line and column and
 * the reason of the first problem by position (all problems are in `issues` and the message).
 */
export function parseConfig(text: string, fileName: string): TallyConfig {
  const lineCounter = new LineCounter();
  const doc: SourceDocument = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => ({
      path: '',
      reason: `YAML syntax: ${error.message}`,
      ...position(error.pos[0]),
    }));
    throw new ConfigError(fileName, issues);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    // e.g. an alias bomb: too many alias expansions to be a config file.
    throw new ConfigError(fileName, [{ path: '', line: 1, column: 1, reason: `YAML: ${(error as Error).message}` }]);
  }
  const result = tallyConfigSchema.safeParse(data, { error: describeIssue });
  if (result.success) return result.data;
  const issues: ConfigIssue[] = flatten(result.error.issues)
    .map(({ path, reason, atKey }) => ({ offset: locate(doc, path, atKey), path: formatPath(path), reason }))
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, path, reason }) => ({ path, reason, ...position(offset) }));
  throw new ConfigError(fileName, issues);
}

/** The config file named by the environment (`TALLY_CONFIG`), or undefined when unset or empty. */
export function configPathFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const path = env.TALLY_CONFIG?.trim();
  return path ? path : undefined;
}

/** The text of a config file; an Error saying so when it does not exist or cannot be read. */
export function readConfigText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`;
    throw new Error(`config file ${path} (TALLY_CONFIG) ${why}`, { cause });
  }
}

/** parseConfig for the text of the file at `path`, with a relative price sheet resolved against its directory. */
export function configFromText(text: string, path: string): TallyConfig {
  const config = parseConfig(text, path);
  const sheet = config.pricing.priceSheet;
  if (sheet !== undefined && !isAbsolute(sheet)) config.pricing.priceSheet = resolve(dirname(path), sheet);
  return config;
}

/**
 * Reads and validates a config file; `undefined` (no TALLY_CONFIG) gives the defaults. A file
 * that does not exist or cannot be read is an Error saying so; an invalid one a ConfigError.
 * A relative `pricing.priceSheet` is resolved against the config file's directory.
 */
export function loadConfigFile(path: string | undefined): TallyConfig {
  return path === undefined ? parseConfig('', '(defaults)') : configFromText(readConfigText(path), path);
}
