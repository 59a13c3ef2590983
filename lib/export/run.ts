import { allocationDefaults } from '../allocation/defaults';
import { closedExportRows } from '../close/month-close';
import type { Database } from '../db/client';
import type { ExportParams } from '../http/export-params';
import { monthRate } from '../http/monthly-report';
import { currentConfig } from '../settings/current';
import { AppError } from '../util/errors';
import { allocationCsv, focusCsv, monthAllocations } from './month-export';

/**
 * The export's text, chunk by chunk, for these parameters: a closed month's frozen daily rows,
 * else computed with the configured sharing, invoices and discount. A closed month has no hourly
 * rows (CONFLICT): only what was signed off is exported.
 */
export async function* exportChunks(db: Database, params: ExportParams, now: Date): AsyncGenerator<string> {
  const closed = await closedExportRows(db, params);
  if (closed && params.granularity === 'hourly') {
    throw new AppError('CONFLICT', `${params.month} is closed: its snapshot holds daily rows; export it daily, or re-open the month`);
  }
  const config = currentConfig();
  const rows = closed ?? monthAllocations(db, {
    month: params.month, cluster: params.cluster, nowMs: now.getTime(), idle: params.idle, defaults: allocationDefaults(now),
    granularity: params.granularity, discountPercent: config.pricing.discountPercent, rate: monthRate(config, params.month),
  });
  yield* params.format === 'focus' ? focusCsv(rows) : allocationCsv(params.month, rows);
}

/** `tally-2026-11-focus.csv`. */
export const exportFileName = (p: ExportParams) => `tally-${p.month}${p.cluster ? `-${p.cluster.replace(/[^A-Za-z0-9._-]/g, '_')}` : ''}-${p.format}${p.granularity === 'hourly' ? '-hourly' : ''}.csv`;
