import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import type { SqlSession } from './session';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Runs `work` on one session (one pg connection, or the PGlite instance). */
  session<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Takes a session-level advisory lock without waiting. Resolves to the held lock (on Postgres
   * it pins one connection), or null when another session holds it.
   */
  tryAdvisoryLock(key: number): Promise<AdvisoryLock | null>;
  /** Runs `work` in one transaction on one session: committed if it resolves, else rolled back. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A session-level advisory lock this process took; it lasts as long as its connection. */
export interface AdvisoryLock {
  /** True while the lock's connection is alive and its session still holds the lock. */
  held(): Promise<boolean>;
  /** Unlocks (when the connection still lives) and gives the connection back. */
  release(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent, an embedded PGlite database in `dataDir`. */
  databaseUrl?: string;
  /** Folder for PGlite's files (default ./.tally); `memory://` keeps it in memory. */
  dataDir?: string;
  /** PGlite: checkpoint once this much WAL has been written since the last checkpoint. */
  checkpointWalBytes?: number;
}

/** Opens Postgres (`databaseUrl`) or embedded PGlite, with a Prisma client over the same driver. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : openPglite(options.dataDir ?? './.tally', options.checkpointWalBytes ?? 128 * 1024 ** 2);
}

/** The database named by the environment: DATABASE_URL, else PGlite in TALLY_DATA_DIR. */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.TALLY_DATA_DIR || undefined };
}

function openPostgres(databaseUrl: string): Database {
  // Every session in UTC, whatever the server's `timezone` setting: Prisma sends and reads
  // timestamps without an offset, which the session's zone would otherwise shift.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: '-c TimeZone=UTC' });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const session = async <T>(work: (session: SqlSession) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await work({
        query: async (text, params) => (await client.query(text, params)).rows,
        run: async (text, params) => (await client.query(text, params)).rowCount ?? 0,
        exec: async (text) => {
          await client.query(text);
        },
      });
    } finally {
      client.release();
    }
  };
  return {
    kind: 'postgres',
    prisma,
    session,
    tryAdvisoryLock: (key) => tryPgAdvisoryLock(pool, key),
    transaction: (work) =>
      session(async (s) => {
        await s.exec('BEGIN');
        try {
          const result = await work(s);
          await s.exec('COMMIT');
          return result;
        } catch (error) {
          await s.exec('ROLLBACK');
          throw error;
        }
      }),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

const LOCK_CHECK_TIMEOUT_MS = 10_000;

// The lock's row in pg_locks: a bigint key is split into classid (high 32 bits) and objid (low).
const HOLDS_LOCK_SQL = `SELECT EXISTS (
  SELECT 1 FROM pg_locks
   WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 1
     AND classid = ($1::bigint >> 32)::oid AND objid = ($1::bigint & 4294967295)::oid) AS held`;

/**
 * The lock pins one pooled connection for as long as it is held. When that connection drops
 * (the server restarted, `pg_terminate_backend`, a network cut) the session's lock is gone
 * with it, so `held()` asks the lock's own connection, and any error there means "lost".
 */
async function tryPgAdvisoryLock(pool: pg.Pool, key: number): Promise<AdvisoryLock | null> {
  const client = await pool.connect();
  let lost = false;
  // A checked-out client has no pool listener: without this, a dropped connection would crash.
  const onError = () => {
    lost = true;
  };
  client.on('error', onError);
  const giveBack = () => {
    client.removeListener('error', onError);
    client.release(lost || undefined); // a broken connection is discarded, not pooled
  };
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key]);
    if (!rows[0]?.locked) {
      giveBack();
      return null;
    }
  } catch (error) {
    lost = true;
    giveBack();
    throw error;
  }
  let released = false;
  return {
    async held() {
      if (lost || released) return false;
      // A connection cut without a reset never answers: no answer in time counts as lost.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer')), LOCK_CHECK_TIMEOUT_MS);
      });
      try {
        const { rows } = await Promise.race([client.query<{ held: boolean }>(HOLDS_LOCK_SQL, [key]), timeout]);
        if (rows[0]?.held !== true) lost = true;
      } catch {
        lost = true;
      } finally {
        clearTimeout(timer);
      }
      return !lost;
    },
    async release() {
      if (released) return;
      released = true;
      if (!lost) await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => (lost = true));
      giveBack();
    },
  };
}

/**
 * PGlite has no checkpointer process: once ~540 MB of WAL pile up (max_wal_size / 1.9),
 * Postgres asks the missing checkpointer for a checkpoint and busy-waits a minute on every WAL
 * segment, which stalls the process (seen ~15 days into the demo backfill). Tally therefore
 * checkpoints itself whenever `limitBytes` of WAL have been written since the last one.
 */
async function checkpointIfDue(pglite: PGlite, limitBytes: number): Promise<void> {
  const { rows } = await pglite.query<{ since: string }>(
    'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::text AS since FROM pg_control_checkpoint()',
  );
  if (Number(rows[0]?.since ?? 0) >= limitBytes) await pglite.exec('CHECKPOINT');
}

/**
 * PGlite's defaults suit a browser tab, not a server holding 30 days: its WASM heap only ever
 * grows, so every buffer it fills stays resident. 32 MB of shared buffers (Postgres's
 * default is 128 MB; the OS page cache still holds the files) keep the process small, and a
 * 32 MB floor of recycled WAL segments (80 MB by default) keeps the data folder small.
 */
// PGlite takes the host's zone (TZ) by default; Tally's sessions are UTC (see openPostgres).
const PGLITE_SETTINGS = ['-c', 'TimeZone=UTC', '-c', 'shared_buffers=32MB', '-c', 'min_wal_size=32MB', '-c', 'wal_recycle=off'];

/**
 * Creates a new PGlite data folder in a child process: initdb runs in its own WASM module
 * whose ~400 MB this process would otherwise keep resident for its whole life. Falls back to
 * creating it here when the child cannot run (the folder is then created by PGlite.create).
 */
function initPgliteApart(pgdata: string): void {
  let modulePath: string;
  try {
    modulePath = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  } catch {
    return;
  }
  const script = `require(${JSON.stringify(modulePath)}).PGlite.create(${JSON.stringify(pgdata)}).then((db) => db.close()).catch((e) => { console.error(e); process.exit(1); })`;
  spawnSync(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
}

async function openPglite(dataDir: string, checkpointWalBytes: number): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const pgdata = path.resolve(dataDir, 'pgdata');
  if (!inMemory) {
    mkdirSync(path.resolve(dataDir), { recursive: true });
    if (!existsSync(path.join(pgdata, 'PG_VERSION'))) initPgliteApart(pgdata);
  }
  // Loaded only here: PGlite's WASM module adds ~50 MB of RSS to a process that talks to Postgres.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  const pglite = await PGlite.create(inMemory ? dataDir : pgdata, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const session: SqlSession = {
    query: async (text, params) => (await pglite.query<never>(text, params)).rows,
    run: async (text, params) => (await pglite.query(text, params)).affectedRows ?? 0,
    exec: async (text) => {
      await pglite.exec(text);
    },
  };
  return {
    kind: 'pglite',
    prisma,
    session: (work) => work(session),
    // One PGlite database belongs to one process, which is therefore always the leader.
    tryAdvisoryLock: async () => ({ held: async () => true, release: async () => {} }),
    // PGlite's transaction holds its lock, so Prisma queries from elsewhere wait instead of joining in.
    transaction: async (work) => {
      const result = await pglite.transaction((tx) =>
        work({
          query: async (text, params) => (await tx.query<never>(text, params)).rows,
          run: async (text, params) => (await tx.query(text, params)).affectedRows ?? 0,
          exec: async (text) => {
            await tx.exec(text);
          },
        }),
      );
      await checkpointIfDue(pglite, checkpointWalBytes);
      return result;
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
