import path from 'node:path';
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client';
import type { SqlSession } from './session';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Runs `work` on one session (one pg connection, or the PGlite instance). */
  session<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Takes a session-level advisory lock without waiting. Resolves to a release function while
   * this process holds it (on Postgres it pins one connection), or null when another holds it.
   */
  tryAdvisoryLock(key: number): Promise<(() => Promise<void>) | null>;
  /** Runs `work` in one transaction on one session: committed if it resolves, else rolled back. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
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
    async tryAdvisoryLock(key) {
      const client = await pool.connect();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key]);
      if (!rows[0]?.locked) {
        client.release();
        return null;
      }
      return async () => {
        await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {});
        client.release();
      };
    },
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

async function openPglite(dataDir: string, checkpointWalBytes: number): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(path.resolve(dataDir), { recursive: true });
  // PGlite takes the host's zone (TZ) by default; Tally's sessions are UTC (see openPostgres).
  const pglite = await PGlite.create(inMemory ? dataDir : path.resolve(dataDir, 'pgdata'), {
    startParams: [...PGlite.defaultStartParams, '-c', 'TimeZone=UTC'],
  });
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
    tryAdvisoryLock: async () => async () => {},
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
