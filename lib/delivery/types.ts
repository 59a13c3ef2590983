/** What a rollout changed (issue 9 §2): only `deployment` counts in deployment frequency. */
export type ChangeKind = 'deployment' | 'config' | 'restart' | 'rollback';
export type RolloutStatus = 'succeeded' | 'failed' | 'progressing';
export type FailureReason = 'ProgressDeadlineExceeded' | 'RolledBack' | 'CrashLoopBackOff' | 'Restarts';

export interface DeliverySettings {
  /** A rollback within this long after a rollout's start fails it; deployments this long after a failed one are rework. */
  failureWindowMs: number;
  /** New pods crash-looping (or ≥ 3 restarts) this long after a rollout's start fail it. */
  crashWindowMs: number;
  /** Annotation keys holding the commit (or build) time, best first. */
  commitTimeKeys: readonly string[];
}

export const TALLY_COMMIT_TIME = 'tally.dev/commit-time';
export const TALLY_COMMIT_SHA = 'tally.dev/commit-sha';
export const OCI_CREATED = 'org.opencontainers.image.created';
export const OCI_REVISION = 'org.opencontainers.image.revision';

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  failureWindowMs: 24 * 3_600_000,
  crashWindowMs: 30 * 60_000,
  commitTimeKeys: [TALLY_COMMIT_TIME, OCI_CREATED],
};

/** One workload_revision row, times in epoch ms. */
export interface RevisionFacts {
  revision: number;
  templateHash: string | null;
  specHash: string | null;
  images: readonly string[] | null;
  restartedAt: string | null;
  revisionHistory: readonly number[];
  startedAtMs: number | null;
  completedAtMs: number | null;
  deadlineExceededAtMs: number | null;
  templateAnnotations: Record<string, string>;
  historyLost: boolean;
  fromHistory: boolean;
}

/** The earliest crash signals of one revision's pods (epoch ms). */
export interface RevisionPodSignals {
  revision: number;
  crashLoopAtMs: number | null;
  restarts3AtMs: number | null;
}

export interface CommitInfo {
  sha: string | null;
  timeMs: number | null;
  /** The annotation key the time came from (`org.opencontainers.image.created` = build to production), else null. */
  source: string | null;
}

export interface Rollout {
  revision: number;
  kind: ChangeKind;
  status: RolloutStatus;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  failedAtMs: number | null;
  failureReason: FailureReason | null;
  commit: CommitInfo;
  leadTimeSeconds: number | null;
  recoveredAtMs: number | null;
  recoverySeconds: number | null;
  rework: boolean;
  /** True when the revision number just before this one was lost: its kind was judged against an older revision. */
  historyLost: boolean;
  images: readonly string[];
  /** Set when a later revision started before this one finished (overlap): the start of that revision. */
  supersededAtMs: number | null;
}

export type DoraYear = 2023 | 2024;
export type Tier = 'elite' | 'high' | 'medium' | 'low';
