import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { databaseOptionsFromEnv, openDatabase, type Database } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { exportChunks } from '../export/run';
import { parseExportParams } from '../http/export-params';

/** Writes the export for `argv` at `now` to `write`, chunk by chunk; resolves to the number of data rows. */
export async function writeExport(db: Database, argv: string[], now: Date, write: (chunk: string) => Promise<void>): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { month: { type: 'string' }, format: { type: 'string' }, granularity: { type: 'string' }, cluster: { type: 'string' }, idle: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const search = new URLSearchParams();
  for (const key of ['month', 'format', 'granularity', 'cluster', 'idle'] as const) if (values[key] !== undefined) search.set(key, values[key]);
  const params = parseExportParams(search, now.getTime());
  let lines = 0;
  for await (const chunk of exportChunks(db, params, now)) {
    await write(chunk);
    lines++;
  }
  return lines - 1;
}

/** `tally export --month YYYY-MM --format csv|focus [--granularity daily|hourly] [--cluster C] [--idle separate|shared] [--out F]` (stdout without --out). */
export async function runExport(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  if (outIndex >= 0 && !out) throw new Error('--out: needs a file name');
  const file = out ? await open(out, 'w') : null;
  const write = async (chunk: string) => {
    if (file) await file.write(chunk);
    else if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  };
  const db = await openDatabase(databaseOptionsFromEnv());
  try {
    await db.session((s) => applyMigrations(s));
    const rows = await writeExport(db, argv, new Date(), write);
    if (out) console.error(`wrote ${rows} rows to ${out}`);
    return 0;
  } finally {
    await file?.close();
    await db.close();
  }
}
