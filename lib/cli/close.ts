import { parseArgs } from 'node:util';
import { closeMonth, getMonthClose, reopenMonth } from '../close/month-close';
import { databaseOptionsFromEnv, openDatabase, type Database } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { AppError } from '../util/errors';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Closes (or with --reopen re-opens) the month of `argv` at `now`; resolves to the line to print. */
export async function closeCommand(db: Database, argv: string[], now: Date): Promise<string> {
  const { values } = parseArgs({ args: argv, options: { month: { type: 'string' }, reopen: { type: 'boolean', default: false } }, strict: true });
  if (!values.month || !MONTH.test(values.month)) throw new AppError('INVALID', '--month: must be YYYY-MM (e.g. 2026-11)');
  if (values.reopen) {
    const was = await getMonthClose(db, values.month);
    if (!(await reopenMonth(db, values.month))) throw new AppError('CONFLICT', `${values.month} is not closed`);
    return `re-opened ${values.month}${was ? ` (closed at ${was.closedAt} from the ${was.closedBy})` : ''}: its figures are computed from the data again`;
  }
  const close = await closeMonth(db, { month: values.month, by: 'cli', now });
  return `closed ${close.month} at ${close.closedAt}: total ${close.totalCostUsd.toFixed(2)} frozen (report, allocations and export); tally close --month ${close.month} --reopen undoes it`;
}

/** `tally close --month YYYY-MM [--reopen]`. */
export async function runClose(argv: string[]): Promise<number> {
  const db = await openDatabase(databaseOptionsFromEnv());
  try {
    await db.session((s) => applyMigrations(s));
    console.log(await closeCommand(db, argv, new Date()));
    return 0;
  } finally {
    await db.close();
  }
}
