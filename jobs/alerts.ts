import { runBudgetAlerts } from '../lib/alerts/run';
import type { JobDefinition } from '../lib/scheduler/types';

/** Budget alerts (default every 5 minutes): raises the month's new alerts and delivers them, retries included. */
export function alertsJob(schedule: string): JobDefinition {
  return {
    name: 'alerts',
    schedule,
    perCluster: false,
    async run({ db, now }) {
      const run = await runBudgetAlerts(db, { now });
      return run.raised.length + run.deliveries.filter((d) => d.status === 'sent').length;
    },
  };
}
