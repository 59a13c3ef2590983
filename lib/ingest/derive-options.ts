import type { AttributionConfig } from '../cost/attribution';
import type { DeliverySettings } from '../delivery';

export interface DeriveRolloutsOptions {
  /** Rollouts touched since `from − failureWindow`, and pod_startup_day for the UTC days overlapping [from, to). */
  from: Date;
  to: Date;
  /** What "now" is for progressing rollouts and still-unschedulable pods. */
  now: Date;
  /** One cluster id, or every cluster when omitted. */
  cluster?: number;
  settings: DeliverySettings;
  attribution: AttributionConfig;
}

export interface DeriveRolloutsResult {
  /** rollout rows upserted. */
  rollouts: number;
  /** pod_startup_day rows written. */
  podStartupDays: number;
}
