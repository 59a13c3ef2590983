/**
 * Small helpers shared by the object mappers (to-snapshot, to-storage, to-usage): how an object
 * is named in a warning, timestamps to ISO, and reading one quantity without ever turning a
 * malformed one into zero.
 */
import type { ObjectMeta } from './objects';
import { QuantityError } from './quantity';

/** Receives one human-readable warning (collected into `Snapshot.warnings`). */
export type Warn = (message: string) => void;

/**
 * A timestamp (RFC 3339 string, or the Date client-node makes of it) → ISO-8601 UTC with
 * milliseconds (`2020-08-12T08:52:21Z` → `2020-08-12T08:52:21.000Z`); absent or unparsable → null.
 */
export function isoOrNull(value: string | Date | undefined): string | null {
  if (value === undefined || value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** How a warning names an object: `pod shop/api-1`, `node worker-1`, `node (unnamed)`. */
export function describeObject(kind: string, meta: ObjectMeta | undefined): string {
  return `${kind} ${meta?.namespace ? `${meta.namespace}/` : ''}${meta?.name ?? '(unnamed)'}`;
}

/**
 * Converts one quantity with `convert` (toMillicores, toBytes, toCount). Absent (undefined or
 * null) → null, silently; malformed or negative → null plus the warning
 * `<where>: <field> "<text>": <reason>`. Errors other than QuantityError are rethrown.
 */
export function readQuantity(
  convert: (text: string) => number,
  text: string | undefined,
  where: string,
  field: string,
  warn: Warn,
): number | null {
  if (text === undefined || text === null) return null;
  try {
    // String(): hand-written JSON sometimes has a bare number where the API writes a string.
    return convert(String(text));
  } catch (error) {
    if (!(error instanceof QuantityError)) throw error;
    warn(`${where}: ${field} ${error.message}`);
    return null;
  }
}
