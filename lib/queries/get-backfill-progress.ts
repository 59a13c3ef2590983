/** Backfill progress as `tally start` publishes it on globalThis (same process, other bundle). */
export interface BackfillProgress {
  /** 0..100. */
  percent: number;
  running: boolean;
}

const holder = globalThis as typeof globalThis & { __tallyBackfill?: unknown };

/** The running backfill's progress, or null when none runs (or the global is malformed). */
export function getBackfillProgress(): BackfillProgress | null {
  const state = holder.__tallyBackfill;
  if (typeof state !== 'object' || state === null) return null;
  const { percent, running } = state as Record<string, unknown>;
  if (typeof percent !== 'number' || !Number.isFinite(percent) || running !== true) return null;
  return { percent: Math.min(100, Math.max(0, Math.round(percent))), running };
}
