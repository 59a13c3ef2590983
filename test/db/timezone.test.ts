import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../lib/db/client';
import { applyMigrations } from '../../lib/db/migrate';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/postgres';
import { insertClusters, insertHours } from '../queries/fixtures';

// Prisma sends and reads timestamps without an offset, so a session in another zone shifts
// every hour and day. PGlite takes the host's TZ; a Postgres server has its own `timezone`.
const FAR_ZONE = 'Pacific/Pago_Pago'; // UTC-11: 00:00 UTC on the 2nd is still the 1st there
const DAY = new Date('2026-11-02T00:00:00.000Z');

async function expectUtcSessions(db: Database) {
  expect(await db.session((s) => s.query<{ TimeZone: string }>('SHOW timezone'))).toEqual([{ TimeZone: 'UTC' }]);
  const [row] = await db.prisma.$queryRaw<{ at: Date; day: string }[]>`SELECT ${DAY}::timestamptz AS at, to_char(${DAY}::timestamptz, 'YYYY-MM-DD HH24') AS day`;
  expect(row).toEqual({ at: DAY, day: '2026-11-02 00' });
  // A day row written by the rollup (insertHours rolls up the day) reads back at its UTC midnight.
  await db.session(async (s) => {
    await insertClusters(s, [{ id: 1, name: 'prod' }]);
    await insertHours(s, [], [{ cluster: 1, hour: DAY.toISOString(), costUsd: '1', cpuIdleUsd: '0', ramIdleUsd: '0' }]);
  });
  const days = await db.prisma.nodeDay.findMany({ select: { dayStart: true } });
  expect(days.map((d) => d.dayStart.toISOString())).toEqual([DAY.toISOString()]);
}

describe('database sessions are UTC whatever the zone around them', () => {
  describe('PGlite started with TZ far from UTC', () => {
    let db: Database;
    const tz = process.env.TZ;
    beforeAll(async () => {
      process.env.TZ = FAR_ZONE;
      db = await openDatabase({ dataDir: 'memory://' });
      await db.session((s) => applyMigrations(s));
    });
    afterAll(async () => {
      await db?.close();
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });
    test('the host zone really is far from UTC here', () => {
      expect(new Date('2026-11-02T00:00:00Z').getDate()).toBe(1);
    });
    test('timestamps round-trip and days start at UTC midnight', () => expectUtcSessions(db));
  });

  describe('Postgres whose database timezone is far from UTC', () => {
    let db: Database;
    let scratch: ScratchDatabase;
    beforeAll(async () => {
      scratch = await createScratchDatabase('tally_tz');
      const admin = new pg.Client({ connectionString: scratch.url });
      await admin.connect();
      await admin.query(`ALTER DATABASE "${new URL(scratch.url).pathname.slice(1)}" SET timezone = '${FAR_ZONE}'`);
      await admin.end();
      db = await openDatabase({ databaseUrl: scratch.url });
      await db.session((s) => applyMigrations(s));
    });
    afterAll(async () => {
      await db?.close();
      await scratch?.drop();
    });
    test('a plain connection sees the far zone (the setting took)', async () => {
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      const { rows } = await client.query<{ TimeZone: string }>('SHOW timezone');
      await client.end();
      expect(rows).toEqual([{ TimeZone: FAR_ZONE }]);
    });
    test('timestamps round-trip and days start at UTC midnight', () => expectUtcSessions(db));
  });
});
