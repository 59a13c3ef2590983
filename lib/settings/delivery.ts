import type { TallyConfig } from '../config';
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings, type DoraYear } from '../delivery';
import { currentConfig } from './current';

/**
 * What the delivery metrics take from the config in force: the failure and crash windows (ms)
 * and the commit-time annotation keys (the built-in ones first, then the configured ones,
 * without repeats), and the DORA year whose tiers apply.
 */
export function deliverySettings(config: TallyConfig = currentConfig()): { settings: DeliverySettings; doraYear: DoraYear } {
  const { failureWindowHours, crashWindowMinutes, commitTimeAnnotations, doraYear } = config.delivery;
  return {
    settings: {
      failureWindowMs: failureWindowHours * 3_600_000,
      crashWindowMs: crashWindowMinutes * 60_000,
      commitTimeKeys: [...new Set([...DEFAULT_DELIVERY_SETTINGS.commitTimeKeys, ...commitTimeAnnotations])],
    },
    doraYear,
  };
}
