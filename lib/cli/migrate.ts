import { databaseOptionsFromEnv, openDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';

/** `tally migrate`: applies pending migrations to DATABASE_URL or the embedded database. */
export async function runMigrate(): Promise<number> {
  const options = databaseOptionsFromEnv();
  const db = await openDatabase(options);
  try {
    const result = await db.session((s) => applyMigrations(s));
    const where = db.kind === 'pglite' ? `embedded database in ${options.dataDir ?? './.tally'}` : 'Postgres';
    for (const name of result.modified) console.warn(`warning: migration ${name} was changed after it was applied`);
    console.log(
      result.applied.length
        ? `applied ${result.applied.length} migration(s) to the ${where}: ${result.applied.join(', ')}`
        : `the ${where} is up to date (${result.alreadyApplied.length} migrations)`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
