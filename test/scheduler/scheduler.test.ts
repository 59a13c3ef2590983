import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../lib/db/client';
import { applyMigrations } from '../../lib/db/migrate';
import { Scheduler } from '../../lib/scheduler/scheduler';
import type { ClusterTarget, JobDefinition } from '../../lib/scheduler/types';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/postgres';

const fakeCluster = (name: string) => ({ name, connection: {} }) as unknown as ClusterTarget;

function countingJob(name: string, schedule = '0 0 1 1 *'): JobDefinition & { calls: number } {
  const job = { name, schedule, perCluster: false, calls: 0, run: async () => ++job.calls };
  return job;
}

describe('scheduler on one Postgres database shared by two replicas', () => {
  let scratch: ScratchDatabase;
  let dbA: Database;
  let dbB: Database;
  beforeAll(async () => {
    scratch = await createScratchDatabase('tally_sched');
    dbA = await openDatabase({ databaseUrl: scratch.url });
    dbB = await openDatabase({ databaseUrl: scratch.url });
    await dbA.session((s) => applyMigrations(s));
  });
  afterAll(async () => {
    await dbA?.close();
    await dbB?.close();
    await scratch?.drop();
  });

  test('only the leader runs a job; the follower takes over when the leader stops', async () => {
    const jobA = countingJob('tick');
    const jobB = countingJob('tick');
    const a = new Scheduler({ db: dbA, jobs: [jobA], clusters: [], log: () => {} });
    const b = new Scheduler({ db: dbB, jobs: [jobB], clusters: [], log: () => {} });
    const [ra, rb] = await Promise.all([a.runJob('tick'), b.runJob('tick')]);
    const statuses = [ra[0]!.status, rb[0]!.status].sort();
    expect(statuses).toEqual(['skipped', 'succeeded']);
    expect(jobA.calls + jobB.calls).toBe(1);
    expect(await dbA.prisma.jobRun.count({ where: { job: 'tick' } })).toBe(1);

    const [leader, follower, followerJob] = ra[0]!.status === 'succeeded' ? [a, b, jobB] : [b, a, jobA];
    for (let i = 0; i < 3; i++) await Promise.all([leader.runJob('tick'), follower.runJob('tick')]);
    expect(followerJob.calls).toBe(0);
    await leader.stop();
    expect((await follower.runJob('tick'))[0]!.status).toBe('succeeded');
    expect(followerJob.calls).toBe(1);
    await follower.stop();
  });

  test('a failing cluster is recorded and logged once; the other cluster still runs', async () => {
    const logs: string[] = [];
    let failing = true;
    const job: JobDefinition = {
      name: 'collect-test',
      schedule: '0 0 1 1 *',
      perCluster: true,
      run: async ({ cluster }) => {
        if (cluster!.name === 'broken' && failing) throw new Error('listing nodes: HTTP 403: forbidden', { cause: new Error('rbac') });
        return 5;
      },
    };
    const scheduler = new Scheduler({ db: dbA, jobs: [job], clusters: [fakeCluster('ok'), fakeCluster('broken')], log: (m) => logs.push(m) });
    for (let i = 0; i < 3; i++) {
      const results = await scheduler.runJob('collect-test');
      expect(results.map((r) => [r.cluster, r.status])).toEqual([['ok', 'succeeded'], ['broken', 'failed']]);
    }
    failing = false;
    await scheduler.runJob('collect-test');
    expect(logs).toEqual(['collect-test for broken failed: listing nodes: HTTP 403: forbidden: rbac', 'collect-test for broken recovered']);
    const runs = await dbA.prisma.jobRun.findMany({ where: { job: 'collect-test' }, include: { cluster: true }, orderBy: { id: 'asc' } });
    expect(runs).toHaveLength(8);
    const broken = runs.filter((r) => r.cluster?.name === 'broken');
    expect(broken.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'succeeded']);
    expect(broken[0]!.error).toBe('listing nodes: HTTP 403: forbidden: rbac');
    expect(broken.every((r) => r.finishedAt !== null && r.finishedAt >= r.startedAt)).toBe(true);
    expect(runs.filter((r) => r.cluster?.name === 'ok').every((r) => r.status === 'succeeded' && r.rows === 5)).toBe(true);
    await scheduler.stop();
  });

  test('cron drives the jobs in UTC', async () => {
    const job = countingJob('every-second', '* * * * * *');
    const scheduler = new Scheduler({ db: dbA, jobs: [job], clusters: [], log: () => {} });
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await scheduler.stop();
    expect(job.calls).toBeGreaterThanOrEqual(1);
    expect(await dbA.prisma.jobRun.count({ where: { job: 'every-second', status: 'succeeded' } })).toBe(job.calls);
  });
});
