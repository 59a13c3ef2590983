import type { TallyConfig } from '../lib/config';
import type { JobDefinition } from '../lib/scheduler/types';
import { alertsJob } from './alerts';
import { collectJob } from './collect';
import { pruneJob } from './prune';
import { rollupJob } from './rollup';

export interface SchedulerSettings {
  collectSchedule: string;
  rollupSchedule: string;
  pruneSchedule: string;
  alertsSchedule: string;
  retentionDays: number;
  apiTimeoutMs: number;
}

/**
 * Schedules (cron, UTC) and limits: tally.yaml's `schedules` and `retention` when a config is
 * given, the environment's TALLY_* variables over them, else the documented defaults.
 */
export function schedulerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env, config?: TallyConfig): SchedulerSettings {
  return {
    collectSchedule: env.TALLY_COLLECT_SCHEDULE || config?.schedules.collect || '* * * * *',
    // Every 5 minutes: the current partial hour stays fresh for today's figures.
    rollupSchedule: env.TALLY_ROLLUP_SCHEDULE || config?.schedules.rollup || '*/5 * * * *',
    pruneSchedule: env.TALLY_PRUNE_SCHEDULE || config?.schedules.prune || '17 3 * * *',
    // Budget alerts: evaluate the month's budgets, send the new alerts and the retries that are due.
    alertsSchedule: env.TALLY_ALERTS_SCHEDULE || config?.schedules.alerts || '*/5 * * * *',
    retentionDays: Number(env.TALLY_RAW_RETENTION_DAYS || config?.retention.rawSamplesDays || 8),
    apiTimeoutMs: Number(env.TALLY_API_TIMEOUT_SECONDS || 30) * 1000,
  };
}

/** Every scheduled job, in one list. */
export function buildJobs(settings: SchedulerSettings): JobDefinition[] {
  return [
    collectJob(settings.collectSchedule, settings.apiTimeoutMs),
    rollupJob(settings.rollupSchedule, settings.retentionDays),
    pruneJob(settings.pruneSchedule, settings.retentionDays),
    alertsJob(settings.alertsSchedule),
  ];
}
