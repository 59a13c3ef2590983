import type { RevisionFacts } from '@/lib/delivery';

/** Fixed instants: 2026-12-01T00:00:00Z and friends (tests never read the clock). */
export const T0 = Date.UTC(2026, 11, 1);
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A workload revision whose template is named by `image` and `spec`, started at T0 + revision hours, completed 5 min later. */
export type RevOverrides = Partial<RevisionFacts> & { image?: string; spec?: string };

export function rev(revision: number, over: RevOverrides = {}): RevisionFacts {
  const { image = `app:${revision}`, spec = 's1', ...rest } = over;
  const images = rest.images ?? [image];
  const restartedAt = rest.restartedAt ?? null;
  const startedAtMs = 'startedAtMs' in rest ? (rest.startedAtMs ?? null) : T0 + revision * HOUR;
  return {
    revision,
    templateHash: `h-${images.join(',')}-${spec}-${restartedAt ?? ''}`,
    specHash: spec,
    images,
    restartedAt,
    revisionHistory: [],
    startedAtMs,
    completedAtMs: startedAtMs === null ? null : startedAtMs + 5 * MIN,
    deadlineExceededAtMs: null,
    templateAnnotations: {},
    historyLost: false,
    fromHistory: false,
    ...rest,
  };
}

/** A placeholder for a revision number that existed but was never seen. */
export function lost(revision: number): RevisionFacts {
  return {
    revision, templateHash: null, specHash: null, images: null, restartedAt: null, revisionHistory: [], startedAtMs: null,
    completedAtMs: null, deadlineExceededAtMs: null, templateAnnotations: {}, historyLost: true, fromHistory: false,
  };
}
