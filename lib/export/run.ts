import { allocationDefaults } from '../allocation/defaults';
import type { Database } from '../db/client';
import type { ExportParams } from '../http/export-params';
import { currentConfig } from '../settings/current';
import { allocationCsv, focusCsv, monthAllocations } from './month-export';

/** The export's text, chunk by chunk, for these parameters: the configured sharing, invoices and discount. */
export function exportChunks(db: Database, params: ExportParams, now: Date): AsyncGenerator<string> {
  const config = currentConfig();
  const rows = monthAllocations(db, {
    month: params.month, cluster: params.cluster, nowMs: now.getTime(), idle: params.idle, defaults: allocationDefaults(now),
    granularity: params.granularity, discountPercent: config.pricing.discountPercent,
  });
  return params.format === 'focus' ? focusCsv(rows) : allocationCsv(params.month, rows);
}

/** `tally-2026-11-focus.csv`. */
export const exportFileName = (p: ExportParams) => `tally-${p.month}${p.cluster ? `-${p.cluster.replace(/[^A-Za-z0-9._-]/g, '_')}` : ''}-${p.format}${p.granularity === 'hourly' ? '-hourly' : ''}.csv`;
