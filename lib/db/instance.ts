import { databaseOptionsFromEnv, openDatabase, type Database } from './client';

// Next.js bundles server code apart from the CLI, so the one process-wide database (one PGlite
// instance can only be opened once) lives on globalThis, shared by every bundle.
const holder = globalThis as typeof globalThis & { __tallyDatabase?: Promise<Database> };

/** The process-wide database from the environment (DATABASE_URL, else PGlite). */
export function getDatabase(): Promise<Database> {
  holder.__tallyDatabase ??= openDatabase(databaseOptionsFromEnv());
  return holder.__tallyDatabase;
}

/** Installs an already-open database as the process-wide one (used by `tally start`). */
export function setDatabase(db: Database): void {
  holder.__tallyDatabase = Promise.resolve(db);
}
