/** Small conversions shared by the delivery derivation's reads and writes (lib/ingest/derive-*). */

export type Labels = Record<string, string>;

/** A timestamptz column as epoch ms (float8), to read without Date parsing. */
export const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
export const iso = (valueMs: number | null) => (valueMs === null ? null : new Date(valueMs).toISOString());
export const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** A jsonb value as the driver returns it (parsed by pg, text by some paths). */
export function jsonOf<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
}

/** A labels/annotations jsonb object, string values only. */
export function labelsOf(value: unknown): Labels {
  const parsed = jsonOf<unknown>(value, {});
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out: Labels = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

export const wkey = (clusterId: number, uid: string) => `${clusterId}\u0000${uid}`;
export const rkey = (clusterId: number, uid: string, revision: number) => `${clusterId}\u0000${uid}\u0000${revision}`;
