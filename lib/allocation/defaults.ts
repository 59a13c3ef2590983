import type { AttributionConfig } from '../cost/attribution';
import { firstOpenHour } from '../cost/pricing';
import { currentConfig } from '../settings/current';
import type { AllocationDefaults } from './params';

/**
 * The request defaults from the config in force (tally.yaml): shared costs and invoices; the
 * closed months before `now`'s month share as stored with their hours (frozen at their rollup).
 */
export function allocationDefaults(now: Date = new Date()): AllocationDefaults {
  const { shared, invoices } = currentConfig();
  return {
    storedSharingBeforeMs: firstOpenHour(now),
    shareNamespaces: shared.namespaces,
    shareLabels: Object.entries(shared.labels).map(([key, value]) => ({ key, value })),
    shareSplit: shared.split,
    overheadUsdPerMonth: shared.overheadUsdPerMonth,
    invoices,
  };
}

/** Team attribution rules from the config in force (tally.yaml `teams`). */
export function attributionConfig(): AttributionConfig {
  const { teams } = currentConfig();
  return { labelKeys: teams.labelKeys, namespaceTeams: teams.namespaces };
}
