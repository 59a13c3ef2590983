import { OCI_CREATED, OCI_REVISION, TALLY_COMMIT_SHA, TALLY_COMMIT_TIME, type CommitInfo } from './types';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const EPOCH_SECONDS = /^\d{9,11}$/;

/** The SHA key that belongs to a time key (same producer); unknown keys have none. */
const SHA_FOR: Record<string, string> = { [TALLY_COMMIT_TIME]: TALLY_COMMIT_SHA, [OCI_CREATED]: OCI_REVISION };
const SHA_KEYS = [TALLY_COMMIT_SHA, OCI_REVISION];

/**
 * An annotation's instant in epoch ms: RFC 3339 / ISO 8601 with a zone (`2026-12-01T10:00:00Z`,
 * `…+01:00`), or whole epoch seconds (`git log --format=%ct`). Anything else (no zone, a date
 * alone, garbage, an impossible date such as 02-30) → null.
 */
export function parseCommitTime(value: string | undefined): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  if (!ISO_INSTANT.test(text)) return null;
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate(); // Date.parse rolls 02-30 over to 03-02
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The commit behind a pod template. For each time key in order (default `tally.dev/commit-time`,
 * then `org.opencontainers.image.created`, whose build time makes lead time "build to
 * production"), the template's annotation, else the workload's; the first that parses wins
 * (an unparsable value is skipped). `source` = that key. The SHA: the key paired with the
 * winning time key (`tally.dev/commit-sha`, `org.opencontainers.image.revision`) on the same
 * side, else the other side, else the first of those two keys found (template first).
 * No parsable time → timeMs and source null (the SHA may still be known).
 */
export function commitOf(templateAnnotations: Record<string, string>, workloadAnnotations: Record<string, string>, keys: readonly string[]): CommitInfo {
  const sides = [templateAnnotations, workloadAnnotations];
  for (const key of keys) {
    for (const side of sides) {
      const timeMs = parseCommitTime(side[key]);
      if (timeMs === null) continue;
      const shaKey = SHA_FOR[key];
      const sha = shaKey === undefined ? null : (side[shaKey] ?? sides.find((s) => s[shaKey] !== undefined)?.[shaKey] ?? null);
      return { sha: sha ?? anySha(sides), timeMs, source: key };
    }
  }
  return { sha: anySha(sides), timeMs: null, source: null };
}

function anySha(sides: readonly Record<string, string>[]): string | null {
  for (const key of SHA_KEYS) for (const side of sides) if (side[key] !== undefined && side[key] !== '') return side[key];
  return null;
}
