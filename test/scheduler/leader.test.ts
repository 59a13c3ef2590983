import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../lib/db/client';
import { applyMigrations } from '../../lib/db/migrate';
import { SCHEDULER_LOCK_KEY, Scheduler } from '../../lib/scheduler/scheduler';
import type { JobDefinition } from '../../lib/scheduler/types';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/postgres';

function countingJob(): JobDefinition & { calls: number } {
  const job = { name: 'tick', schedule: '0 0 1 1 *', perCluster: false, calls: 0, run: async () => ++job.calls };
  return job;
}

interface Replica {
  scheduler: Scheduler;
  job: ReturnType<typeof countingJob>;
  logs: string[];
}

describe('one leader when the leader loses its lock connection (real Postgres)', () => {
  let scratch: ScratchDatabase;
  let admin: pg.Client;
  const dbs: Database[] = [];
  beforeAll(async () => {
    scratch = await createScratchDatabase('tally_leader');
    admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    for (let i = 0; i < 2; i++) dbs.push(await openDatabase({ databaseUrl: scratch.url }));
    await dbs[0]!.session((s) => applyMigrations(s));
  });
  afterAll(async () => {
    await admin?.end();
    for (const db of dbs) await db.close();
    await scratch?.drop();
  });

  const replica = (db: Database): Replica => {
    const job = countingJob();
    const logs: string[] = [];
    return { scheduler: new Scheduler({ db, jobs: [job], clusters: [], log: (m) => logs.push(m) }), job, logs };
  };

  /** The backend pids holding the scheduler's advisory lock in this database. */
  async function lockHolders(): Promise<number[]> {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
        WHERE l.locktype = 'advisory' AND l.granted AND l.objid = $1::oid AND d.datname = current_database()`,
      [SCHEDULER_LOCK_KEY],
    );
    return rows.map((r) => r.pid);
  }

  async function terminate(pid: number): Promise<void> {
    // With a timeout, pg_terminate_backend waits until the backend has exited (and its lock is gone).
    const { rows } = await admin.query<{ done: boolean }>('SELECT pg_terminate_backend($1, 5000) AS done', [pid]);
    expect(rows[0]!.done).toBe(true);
  }

  /** One tick on both replicas at once; returns which of them ran the job. */
  async function tick(a: Replica, b: Replica): Promise<string[]> {
    const [ra, rb] = await Promise.all([a.scheduler.runJob('tick'), b.scheduler.runJob('tick')]);
    return [ra[0]!.status === 'succeeded' ? 'a' : null, rb[0]!.status === 'succeeded' ? 'b' : null].filter((r) => r !== null);
  }

  test('the old leader stops at once, the follower takes over, and back again', async () => {
    const a = replica(dbs[0]!);
    const b = replica(dbs[1]!);
    expect((await a.scheduler.runJob('tick'))[0]!.status).toBe('succeeded');
    expect(await tick(a, b)).toEqual(['a']);
    const [leaderPid, ...others] = await lockHolders();
    expect(others).toEqual([]);

    await terminate(leaderPid!);
    const ran: string[][] = [];
    for (let i = 0; i < 5; i++) ran.push(await tick(a, b));
    // Exactly one replica runs each tick: a noticed the loss before starting anything.
    expect(ran).toEqual([['b'], ['b'], ['b'], ['b'], ['b']]);
    expect(a.job.calls).toBe(2);
    expect(b.job.calls).toBe(5);
    expect(a.logs).toEqual(['lost the scheduler lock; following']);
    expect(b.logs).toEqual(['took the scheduler lock; leading']);
    const holders = await lockHolders();
    expect(holders).toHaveLength(1);
    expect(holders[0]).not.toBe(leaderPid);

    // The same again the other way: a, now a follower, takes the lock back.
    await terminate(holders[0]!);
    const back: string[][] = [];
    for (let i = 0; i < 3; i++) back.push(await tick(a, b));
    expect(back).toEqual([['a'], ['a'], ['a']]);
    expect(b.job.calls).toBe(5);
    expect(a.logs).toEqual(['lost the scheduler lock; following', 'took the scheduler lock; leading']);
    expect(b.logs).toEqual(['took the scheduler lock; leading', 'lost the scheduler lock; following']);
    // Every run recorded in job_run is one the counters saw: nothing ran twice or unrecorded.
    expect(await dbs[0]!.prisma.jobRun.count({ where: { job: 'tick', status: 'succeeded' } })).toBe(a.job.calls + b.job.calls);

    await a.scheduler.stop();
    await b.scheduler.stop();
    expect(await lockHolders()).toEqual([]);
  });

  test('a leader whose lock connection drops between ticks starts no job, even alone', async () => {
    const solo = replica(dbs[0]!);
    expect((await solo.scheduler.runJob('tick'))[0]!.status).toBe('succeeded');
    await terminate((await lockHolders())[0]!);
    // The tick that notices the loss runs nothing; the next one takes the lock again.
    expect((await solo.scheduler.runJob('tick'))[0]!.status).toBe('skipped');
    expect((await solo.scheduler.runJob('tick'))[0]!.status).toBe('succeeded');
    expect(solo.job.calls).toBe(2);
    expect(solo.logs).toEqual(['lost the scheduler lock; following', 'took the scheduler lock; leading']);
    await solo.scheduler.stop();
  });
});
