import type { TallyConfig } from '../config';
import { priceNode, priceStorage } from '../cost/pricing';
import { DEFAULT_RATES } from '../cost/rates';
import type { RollupOptions } from '../ingest/rollup';
import { currentConfig } from './current';
import { priceBookOf } from './pricing';

/**
 * What the rollup takes from the config in force: team attribution, shared costs (stored with
 * each hour) and prices, node and storage, by the precedence of lib/cost/pricing (node prices
 * split in the rate card's ratio).
 */
export function rollupSettings(config: TallyConfig = currentConfig()): Pick<RollupOptions, 'attribution' | 'sharing' | 'storagePrice' | 'priceNode' | 'splitRates'> {
  const { teams, shared } = config;
  const book = priceBookOf(config);
  return {
    attribution: { labelKeys: teams.labelKeys, namespaceTeams: teams.namespaces },
    sharing: { namespaces: shared.namespaces, labels: Object.entries(shared.labels).map(([key, value]) => ({ key, value })) },
    priceNode: (node, hourStart) => priceNode(book, node, hourStart.getTime()),
    splitRates: book.rateCard ?? DEFAULT_RATES,
    storagePrice: (storageClass) => priceStorage(book, storageClass, 0).usdPerGiBHour,
  };
}
