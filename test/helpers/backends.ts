import { openDatabase, type Database } from '../../lib/db/client';
import { applyMigrations } from '../../lib/db/migrate';
import { createScratchDatabase } from './postgres';

export interface TestBackend {
  name: 'PGlite' | 'Postgres';
  /** A migrated, empty database and its cleanup. */
  open(): Promise<{ db: Database; cleanup: () => Promise<void> }>;
}

/** Both back-ends Tally supports: embedded PGlite (in memory) and the real Postgres server. */
export const BACKENDS: TestBackend[] = [
  {
    name: 'PGlite',
    async open() {
      const db = await openDatabase({ dataDir: 'memory://' });
      await db.session((s) => applyMigrations(s));
      return { db, cleanup: () => db.close() };
    },
  },
  {
    name: 'Postgres',
    async open() {
      const scratch = await createScratchDatabase('tally_test');
      const db = await openDatabase({ databaseUrl: scratch.url });
      await db.session((s) => applyMigrations(s));
      return {
        db,
        cleanup: async () => {
          await db.close();
          await scratch.drop();
        },
      };
    },
  },
];
