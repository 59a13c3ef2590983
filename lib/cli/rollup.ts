import { parseArgs } from 'node:util';
import { ConfigStore, configPathFromEnv } from '../config';
import { databaseOptionsFromEnv, openDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { rollupRange } from '../ingest/rollup';
import { rollupSettings } from '../settings/rollup';
import { AppError } from '../util/errors';

const HOUR_MS = 3_600_000;

function instant(name: string, text: string | undefined, fallback: Date): Date {
  if (text === undefined) return fallback;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(text) || Number.isNaN(ms)) {
    throw new AppError('INVALID', `--${name}: "${text}" is not an ISO date or time (e.g. 2026-11-01 or 2026-11-01T00:00:00Z)`);
  }
  return new Date(ms);
}

/**
 * `tally rollup [--from ISO --to ISO] [--cluster NAME]`: recomputes the hourly and daily rows
 * of [from, to) (default: the last two hours) from the raw samples still kept, with the
 * config in force; idempotent. Closed months keep the prices they were rolled up with.
 */
export async function runRollup(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' }, cluster: { type: 'string' } }, strict: true });
  const currentHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const to = instant('to', values.to, new Date(currentHour + HOUR_MS));
  const from = instant('from', values.from, new Date(currentHour - HOUR_MS));
  if (!(to > from)) throw new AppError('INVALID', '--to must be after --from');
  const config = new ConfigStore(configPathFromEnv()).current();
  const db = await openDatabase(databaseOptionsFromEnv());
  try {
    await db.session((s) => applyMigrations(s));
    const started = performance.now();
    const rows = await rollupRange(db, { ...rollupSettings(config), from, to, cluster: values.cluster });
    console.log(`rolled up ${from.toISOString()} to ${to.toISOString()}: ${rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await db.close();
  }
}
