import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../../lib/db/client';
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from '../../lib/db/migrate';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/postgres';
import { expectedSchema, type ExpectedSchema } from '../helpers/prisma-schema';
import { introspect } from '../helpers/introspect';

const SCHEMA = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

function sortedIndexes(schema: ExpectedSchema) {
  return [...schema.indexes].sort((a, b) => a.name.localeCompare(b.name));
}
function sortedForeignKeys(schema: ExpectedSchema) {
  return [...schema.foreignKeys].sort((a, b) => a.name.localeCompare(b.name));
}
function tablesAsObject(schema: ExpectedSchema) {
  return Object.fromEntries(
    [...schema.tables].map(([table, columns]) => [table, Object.fromEntries([...columns].sort(([a], [b]) => a.localeCompare(b)))]),
  );
}

const backends: { name: string; open: () => Promise<{ db: Database; cleanup: () => Promise<void> }> }[] = [
  {
    name: 'PGlite',
    open: async () => {
      const db = await openDatabase({ dataDir: 'memory://' });
      return { db, cleanup: () => db.close() };
    },
  },
  {
    name: 'Postgres',
    open: async () => {
      const scratch: ScratchDatabase = await createScratchDatabase('tally_migrate');
      const db = await openDatabase({ databaseUrl: scratch.url });
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

describe.each(backends)('migrations on $name', ({ open }) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await open());
  });
  afterAll(async () => cleanup?.());

  test('an empty database migrated from prisma/migrations matches schema.prisma exactly', async () => {
    const result = await db.session((s) => applyMigrations(s));
    expect(result.applied).toEqual(readMigrations().map((m) => m.name));
    const expected = expectedSchema(SCHEMA);
    const actual = await db.session((s) => introspect(s));
    expect(tablesAsObject(actual)).toEqual(tablesAsObject(expected));
    expect(sortedIndexes(actual)).toEqual(sortedIndexes(expected));
    expect(sortedForeignKeys(actual)).toEqual(sortedForeignKeys(expected));
  });

  test('migrations are recorded as Prisma records them, so a second run applies nothing', async () => {
    const rows = await db.session((s) =>
      s.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      ),
    );
    const files = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const bytes = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const again = await db.session((s) => applyMigrations(s));
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(files.map((f) => f.name));
  });

  test('a failing migration changes nothing and is retried once fixed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(path.join(dir, '29990101000000_broken'));
    const broken = path.join(dir, '29990101000000_broken', 'migration.sql');
    writeFileSync(broken, 'CREATE TABLE "half_done" (id INTEGER);\nTHIS IS NOT SQL;\n');
    await expect(db.session((s) => applyMigrations(s, dir))).rejects.toThrow(/29990101000000_broken failed/);
    const leftovers = await db.session((s) => s.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`));
    expect(leftovers).toHaveLength(0);

    writeFileSync(broken, 'CREATE TABLE "half_done" (id INTEGER);\n');
    const fixed = await db.session((s) => applyMigrations(s, dir));
    expect(fixed.applied).toEqual(['29990101000000_broken']);
    await db.session((s) => s.exec('DROP TABLE "half_done"; DELETE FROM "_prisma_migrations" WHERE migration_name LIKE \'2999%\''));
  });
});
