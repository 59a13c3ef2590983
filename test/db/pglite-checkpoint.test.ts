import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../lib/db/client';

// PGlite has no checkpointer: without Tally's own checkpoints, WAL piles up until Postgres
// busy-waits for the missing process (a stalled backfill). Here the limit is 1 MiB to see it act.
describe('PGlite checkpoints itself', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://', checkpointWalBytes: 1024 * 1024 });
    await db.session((s) => s.exec('CREATE TABLE wal_filler (id int PRIMARY KEY, payload text)'));
  });
  afterAll(async () => db.close());

  const walSinceCheckpoint = async () =>
    Number(
      (await db.session((s) => s.query<{ since: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::text AS since FROM pg_control_checkpoint()')))[0]!.since,
    );

  test('WAL since the last checkpoint stays bounded across many write transactions', async () => {
    let maxSince = 0;
    let written = 0;
    for (let round = 0; round < 40; round++) {
      const before = await walSinceCheckpoint();
      // ~2 KB of incompressible text per row, 100 rows: a few hundred KiB of WAL per transaction.
      await db.transaction((s) =>
        s.run(`INSERT INTO wal_filler SELECT g, (SELECT string_agg(md5(random()::text || g || i), '') FROM generate_series(1, 64) i)
               FROM generate_series(1, 100) g ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload`),
      );
      const after = await walSinceCheckpoint();
      written += Math.max(0, after - before);
      maxSince = Math.max(maxSince, after);
    }
    expect(written + maxSince).toBeGreaterThan(4 * 1024 * 1024); // enough WAL to need several checkpoints
    // Each transaction that leaves more than 1 MiB since the last checkpoint ends with one.
    expect(maxSince).toBeLessThan(1024 * 1024);
  });
});
