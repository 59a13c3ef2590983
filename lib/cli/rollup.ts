import { parseArgs } from 'node:util';
import { ConfigStore, configPathFromEnv } from '../config';
import { databaseOptionsFromEnv, openDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { rollupRangeReport, type RollupResult } from '../ingest/rollup';
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
 * `tally rollup [--from ISO --to ISO] [--cluster NAME] [--reprice] [--reattribute]`: recomputes
 * the hourly and daily rows of [from, to) (default: the last two hours) from the raw samples
 * still kept, with the config in force; idempotent. Hours whose raw samples were pruned keep
 * their rows. Closed months keep the prices (unless --reprice), teams and sharing (unless
 * --reattribute) they were rolled up with.
 */
export async function runRollup(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string' }, to: { type: 'string' }, cluster: { type: 'string' }, reprice: { type: 'boolean' }, reattribute: { type: 'boolean' } },
    strict: true,
  });
  const currentHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const to = instant('to', values.to, new Date(currentHour + HOUR_MS));
  const from = instant('from', values.from, new Date(currentHour - HOUR_MS));
  if (!(to > from)) throw new AppError('INVALID', '--to must be after --from');
  const config = new ConfigStore(configPathFromEnv()).current();
  const db = await openDatabase(databaseOptionsFromEnv());
  try {
    await db.session((s) => applyMigrations(s));
    const started = performance.now();
    const result = await rollupRangeReport(db, {
      ...rollupSettings(config), from, to, cluster: values.cluster, reprice: values.reprice, reattribute: values.reattribute,
    });
    console.log(`rolled up ${from.toISOString()} to ${to.toISOString()}: ${result.rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const line of rollupNotes(result)) console.log(line);
    return 0;
  } finally {
    await db.close();
  }
}

/** What a user must know about a rollup besides its rows: hours kept as they were, containers priced without their node. */
export function rollupNotes(result: RollupResult): string[] {
  const notes: string[] = [];
  if (result.keptHours > 0) notes.push(`kept ${result.keptHours} hour${result.keptHours === 1 ? '' : 's'} with no raw samples left (their stored rows are unchanged)`);
  if (result.unsampledNodeContainerHours > 0) {
    notes.push(`${result.unsampledNodeContainerHours} container-hours ran on nodes with no sample in their hour: priced at the default rates`);
  }
  return notes;
}
