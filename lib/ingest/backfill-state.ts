/** Backfill progress, shared with the dashboard (same process, separate Next bundle). */
export interface BackfillState {
  percent: number;
  running: boolean;
}

const holder = globalThis as typeof globalThis & { __tallyBackfill?: BackfillState };

export function setBackfillState(state: BackfillState): void {
  holder.__tallyBackfill = state;
}

export function getBackfillState(): BackfillState | null {
  return holder.__tallyBackfill ?? null;
}
