import { DEFAULT_ATTRIBUTION, type AttributionConfig } from '../cost/attribution';
import type { AllocationDefaults } from './params';

const NONE: AllocationDefaults = { shareNamespaces: [], shareLabels: [], shareSplit: 'weighted', overheadUsdPerMonth: 0, invoices: [] };

/** The request defaults from the running configuration (tally.yaml). */
export function allocationDefaults(): AllocationDefaults {
  return NONE;
}

/** Team attribution rules from the running configuration (tally.yaml). */
export function attributionConfig(): AttributionConfig {
  return DEFAULT_ATTRIBUTION;
}
