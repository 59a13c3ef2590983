import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import type { SqlSession } from '../../lib/db/session';
import { DEFAULT_ATTRIBUTION } from '../../lib/cost/attribution';
import { DEFAULT_DELIVERY_SETTINGS, toHistogram } from '../../lib/delivery';
import { deriveRollouts } from '../../lib/ingest/derive-rollouts';
import { BACKENDS } from '../helpers/backends';

const NOW = new Date('2026-12-02T12:00:00.000Z');
const FROM = new Date('2026-12-01T00:00:00.000Z');
const TO = new Date('2026-12-02T00:00:00.000Z');
const options = (cluster: number) => ({ from: FROM, to: TO, now: NOW, cluster, settings: DEFAULT_DELIVERY_SETTINGS, attribution: DEFAULT_ATTRIBUTION });

interface Rev {
  uid: string;
  name: string;
  revision: number;
  hash: string;
  spec: string;
  images: string[];
  started: string;
  completed?: string;
  history?: number[];
  annotations?: Record<string, string>;
  /** last_seen_at (default NOW). */
  seen?: string;
}

async function seedRevision(s: SqlSession, cluster: number, r: Rev): Promise<void> {
  await s.run(
    `INSERT INTO "workload_revision" (cluster_id, workload_uid, revision, namespace, workload_kind, workload_name, source, template_hash, spec_hash, images,
       template_annotations, revision_history, started_at, completed_at, first_seen_at, last_seen_at)
     VALUES ($1, $2, $3, 'shop', 'Deployment', $4, 'ReplicaSet', $5, $6, $7::jsonb, $8::jsonb, $9::int[], $10, $11, $12, $12)`,
    [cluster, r.uid, r.revision, r.name, r.hash, r.spec, JSON.stringify(r.images), JSON.stringify(r.annotations ?? {}), r.history ?? [], r.started, r.completed ?? null, r.seen ?? NOW],
  );
}

interface PodSeed {
  uid: string;
  controller: string;
  labels: Record<string, string>;
  created: string;
  scheduled?: string;
  ready?: string;
  unschedulableSince?: string;
  unschedulableUntil?: string;
  hash?: string;
  crashLoop?: string;
}

async function seedPod(s: SqlSession, cluster: number, p: PodSeed): Promise<void> {
  await s.run(
    `INSERT INTO "pod" (cluster_id, uid, namespace, name, phase, owner_kind, owner_name, controller_kind, controller_name, labels, created_at, first_seen_at, last_seen_at,
       scheduled_at, ready_at, unschedulable_since, unschedulable_until, revision_hash, crash_loop_at)
     VALUES ($1, $2, 'shop', $2, 'Running', 'ReplicaSet', $3, 'Deployment', $3, $4::jsonb, $5, $5, $5, $6, $7, $8, $9, $10, $11)`,
    [cluster, p.uid, p.controller, JSON.stringify(p.labels), p.created, p.scheduled ?? null, p.ready ?? null, p.unschedulableSince ?? null, p.unschedulableUntil ?? null, p.hash ?? null, p.crashLoop ?? null],
  );
}

async function seedCost(s: SqlSession, cluster: number, name: string, fromIso: string, toIso: string, usdPerHour: number): Promise<void> {
  await s.run(
    `INSERT INTO "container_hour" (cluster_id, hour_start, pod_uid, container, namespace, pod, node_name, controller_kind, controller_name, team, running_seconds,
       cpu_allocated_avg_millicores, memory_allocated_avg_bytes, cpu_core_hours, ram_byte_hours, gpu_hours, cpu_cost_usd, ram_cost_usd, gpu_cost_usd, total_cost_usd)
     SELECT $1, h, 'pod-' || $2, 'app', 'shop', 'pod-' || $2, 'n1', 'Deployment', $2, 'shop-team', 3600, 100, 1e8, 0.1, 1e8, 0, $5, 0, 0, $5
       FROM generate_series($3::timestamptz, $4::timestamptz - interval '1 hour', interval '1 hour') AS h`,
    [cluster, name, fromIso, toIso, usdPerHour],
  );
}

/** Two workloads of cluster `name`: api (a deployment with a commit time, then costlier) and web (crash-looping, rolled back), cfg (config only). */
async function seed(db: Database, name: string): Promise<number> {
  return db.session(async (s) => {
    const [{ id }] = (await s.query<{ id: number }>(`INSERT INTO "cluster" (name) VALUES ($1) RETURNING id`, [name])) as [{ id: number }];
    await s.run(`INSERT INTO "namespace" (cluster_id, name, labels, first_seen_at, last_seen_at) VALUES ($1, 'shop', '{"team":"shop-team"}', $2, $2)`, [id, NOW]);
    for (const [uid, wname] of [['a', 'api'], ['b', 'web'], ['c', 'cfg']] as const) {
      await s.run(
        `INSERT INTO "workload" (cluster_id, uid, namespace, kind, name, first_seen_at, last_seen_at, generation, replicas, updated_replicas, ready_replicas, available_replicas)
         VALUES ($1, $2, 'shop', 'Deployment', $3, $4, $4, 1, 1, 1, 1, 1)`,
        [id, uid, wname, NOW],
      );
    }
    const revs: Rev[] = [
      { uid: 'a', name: 'api', revision: 1, hash: 'ha1', spec: 'sa1', images: ['api:1'], started: '2026-11-30T00:00:00Z', completed: '2026-11-30T00:10:00Z' },
      { uid: 'a', name: 'api', revision: 2, hash: 'ha2', spec: 'sa2', images: ['api:2'], started: '2026-12-01T10:00:00Z', completed: '2026-12-01T10:05:00Z', annotations: { 'tally.dev/commit-time': '2026-12-01T09:00:00Z', 'tally.dev/commit-sha': 'abc123' } },
      { uid: 'b', name: 'web', revision: 1, hash: 'hb1', spec: 'sb1', images: ['web:1'], started: '2026-12-01T08:00:00Z', completed: '2026-12-01T08:05:00Z' },
      { uid: 'b', name: 'web', revision: 2, hash: 'hb2', spec: 'sb2', images: ['web:2'], started: '2026-12-01T11:00:00Z' },
      { uid: 'b', name: 'web', revision: 3, hash: 'hb1', spec: 'sb1', images: ['web:1'], started: '2026-12-01T11:20:00Z', completed: '2026-12-01T11:25:00Z', history: [1] },
      { uid: 'c', name: 'cfg', revision: 1, hash: 'hc1', spec: 'sc1', images: ['cfg:1'], started: '2026-12-01T06:00:00Z', completed: '2026-12-01T06:01:00Z' },
      { uid: 'c', name: 'cfg', revision: 2, hash: 'hc2', spec: 'sc2', images: ['cfg:1'], started: '2026-12-01T07:00:00Z', completed: '2026-12-01T07:01:00Z' },
    ];
    for (const r of revs) await seedRevision(s, id, r);
    await seedPod(s, id, { uid: 'p1', controller: 'api', labels: { app: 'api' }, created: '2026-12-01T10:00:00Z', scheduled: '2026-12-01T10:00:02Z', ready: '2026-12-01T10:00:30Z', hash: 'ha2' });
    await seedPod(s, id, {
      uid: 'p2', controller: 'web', labels: { team: 'payments' }, created: '2026-12-01T11:00:00Z', scheduled: '2026-12-01T11:05:00Z',
      unschedulableSince: '2026-12-01T11:00:00Z', unschedulableUntil: '2026-12-01T11:05:00Z', hash: 'hb2', crashLoop: '2026-12-01T11:10:00Z',
    });
    await seedPod(s, id, { uid: 'p3', controller: 'cfg', labels: {}, created: '2026-12-01T11:20:00Z', unschedulableSince: '2026-12-01T11:20:00Z' });
    await seedPod(s, id, { uid: 'p4', controller: 'cfg', labels: {}, created: '2026-11-30T05:00:00Z', scheduled: '2026-11-30T05:00:01Z', ready: '2026-11-30T05:00:09Z' });
    // api: $1/h for the day before its rollout of revision 2 (10:00), $1.5/h after.
    await seedCost(s, id, 'api', '2026-11-30T10:00:00Z', '2026-12-01T10:00:00Z', 1);
    await seedCost(s, id, 'api', '2026-12-01T10:00:00Z', '2026-12-02T12:00:00Z', 1.5);
    return id;
  });
}

const isoOf = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : new Date(String(v)).toISOString());

async function rollouts(db: Database, cluster: number) {
  const rows = await db.session((s) =>
    s.query<Record<string, unknown>>(`SELECT * FROM "rollout" WHERE cluster_id = $1 ORDER BY workload_uid, revision`, [cluster]),
  );
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) out[k] = k.endsWith('_at') || k === 'commit_time' ? isoOf(v) : v;
    return out;
  });
}

async function startupDays(db: Database, cluster: number) {
  const rows = await db.session((s) =>
    s.query<Record<string, unknown>>(`SELECT * FROM "pod_startup_day" WHERE cluster_id = $1 ORDER BY day_start, namespace, team`, [cluster]),
  );
  return rows.map((r) => ({ ...r, day_start: isoOf(r.day_start) }));
}

describe.each(BACKENDS)('deriveRollouts on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: number;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    cluster = await seed(db, 'a');
  });
  afterAll(async () => cleanup?.());

  test('classifies, fails, recovers and costs each revision', async () => {
    const written = await deriveRollouts(db, options(cluster));
    expect(written).toEqual({ rollouts: 7, podStartupDays: 2 });
    const rows = await rollouts(db, cluster);
    const by = (uid: string, revision: number) => rows.find((r) => r.workload_uid === uid && r.revision === revision);
    expect(by('a', 2)).toMatchObject({
      namespace: 'shop', controller_kind: 'deployment', controller_name: 'api', team: 'shop-team', kind: 'deployment', status: 'succeeded',
      started_at: '2026-12-01T10:00:00.000Z', finished_at: '2026-12-01T10:05:00.000Z', failed_at: null, counted_at: '2026-12-01T10:05:00.000Z',
      commit_sha: 'abc123', commit_time: '2026-12-01T09:00:00.000Z', commit_source: 'tally.dev/commit-time', lead_time_seconds: 3900,
      images: ['api:2'], cost_per_hour_before_usd: 1, cost_per_hour_after_usd: 1.5, derived_at: NOW.toISOString(),
    });
    expect(by('a', 1)).toMatchObject({ kind: 'deployment', status: 'succeeded', cost_per_hour_before_usd: null });
    expect(by('b', 2)).toMatchObject({
      team: 'payments', kind: 'deployment', status: 'failed', failed_at: '2026-12-01T11:10:00.000Z', counted_at: '2026-12-01T11:10:00.000Z',
      failure_reason: 'CrashLoopBackOff', finished_at: null, recovered_at: '2026-12-01T11:25:00.000Z', recovery_seconds: 1500,
    });
    expect(by('b', 3)).toMatchObject({ team: 'payments', kind: 'rollback', status: 'succeeded', counted_at: '2026-12-01T11:25:00.000Z', recovered_at: null });
    expect(by('c', 2)).toMatchObject({ kind: 'config', status: 'succeeded', lead_time_seconds: null, counted_at: '2026-12-01T07:01:00.000Z' });
  });

  test('pod_startup_day: the day’s pods per namespace and team', async () => {
    await deriveRollouts(db, options(cluster));
    expect(await startupDays(db, cluster)).toEqual([
      {
        cluster_id: cluster, day_start: '2026-12-01T00:00:00.000Z', namespace: 'shop', team: 'payments', pods: 1,
        startup_buckets: [], scheduling_buckets: toHistogram([300]), unschedulable_pods: 1, unschedulable_seconds: 300,
      },
      {
        cluster_id: cluster, day_start: '2026-12-01T00:00:00.000Z', namespace: 'shop', team: 'shop-team', pods: 2,
        // p3 is still unschedulable: counted up to now (24 h 40 min)
        startup_buckets: toHistogram([30]), scheduling_buckets: toHistogram([2]), unschedulable_pods: 1, unschedulable_seconds: 88_800,
      },
    ]);
  });

  test('idempotent: a rerun gives identical rows', async () => {
    await deriveRollouts(db, options(cluster));
    const [r1, d1] = [await rollouts(db, cluster), await startupDays(db, cluster)];
    // nothing changed: no rollout row is rewritten (a later `now` would not touch them either)
    expect(await deriveRollouts(db, { ...options(cluster), now: new Date(NOW.getTime() + 60_000) })).toEqual({ rollouts: 0, podStartupDays: 2 });
    expect(await rollouts(db, cluster)).toEqual(r1);
    await deriveRollouts(db, options(cluster));
    expect(await rollouts(db, cluster)).toEqual(r1);
    expect(await startupDays(db, cluster)).toEqual(d1);
  });

  test('unchanged workloads: a relabelled namespace re-teams their recent rollouts as a full derive does', async () => {
    await deriveRollouts(db, options(cluster));
    const relabel = (team: string) => db.session((s) => s.run(`UPDATE "namespace" SET labels = $2::jsonb WHERE cluster_id = $1`, [cluster, JSON.stringify({ team })]));
    try {
      await relabel('new-team');
      // api and cfg are attributed by their namespace (web by its pods' label): 4 rows, no input of lib/delivery changed
      expect((await deriveRollouts(db, options(cluster))).rollouts).toBe(4);
      const refreshed = await rollouts(db, cluster);
      expect(refreshed.filter((r) => r.team === 'new-team').map((r) => `${r.workload_uid}${r.revision}`)).toEqual(['a1', 'a2', 'c1', 'c2']);
      await db.session((s) => s.run(`DELETE FROM "workload_derivation" WHERE cluster_id = $1`, [cluster]));
      expect((await deriveRollouts(db, options(cluster))).rollouts).toBe(0);
      expect(await rollouts(db, cluster)).toEqual(refreshed);
    } finally {
      await relabel('shop-team');
      await deriveRollouts(db, options(cluster));
    }
  });

  test('incremental: a later derive over the job\'s window gives the rows of a full derive from scratch', async () => {
    const [now1, now2] = [new Date('2026-11-20T12:00:00Z'), new Date('2026-11-30T12:00:00Z')];
    const at = (now: Date, from: Date) => ({ from, to: now, now, cluster: inc, settings: DEFAULT_DELIVERY_SETTINGS, attribution: DEFAULT_ATTRIBUTION });
    const early = new Date('2026-11-01T00:00:00Z');
    const job = new Date(now2.getTime() - DEFAULT_DELIVERY_SETTINGS.failureWindowMs - 3_600_000);
    const rev = (uid: string, revision: number, started: string, extra: Partial<Rev> = {}): Rev => ({
      uid, name: uid, revision, hash: `h${uid}${revision}`, spec: `s${uid}${revision}`, images: [`${uid}:${revision}`], started, ...extra,
    });
    const inc = await db.session(async (s) => {
      const [{ id }] = (await s.query<{ id: number }>(`INSERT INTO "cluster" (name) VALUES ('inc') RETURNING id`)) as [{ id: number }];
      await s.run(`INSERT INTO "namespace" (cluster_id, name, labels, first_seen_at, last_seen_at) VALUES ($1, 'shop', '{"team":"shop-team"}', $2, $2)`, [id, now2]);
      // x: crash-loops, not recovered by now1; u: untouched since; y, z: one revision each by now1
      for (const r of [
        rev('x', 1, '2026-11-19T10:00:00Z', { seen: '2026-11-19T12:00:00Z' }),
        rev('u', 1, '2026-11-05T10:00:00Z', { completed: '2026-11-05T10:03:00Z', seen: '2026-11-06T00:00:00Z' }),
        rev('y', 1, '2026-11-10T10:00:00Z', { completed: '2026-11-10T10:03:00Z', seen: '2026-11-12T00:00:00Z' }),
        rev('z', 1, '2026-11-20T11:00:00Z', { seen: '2026-11-20T12:00:00Z' }),
      ]) await seedRevision(s, id, r);
      await seedPod(s, id, { uid: 'px1', controller: 'x', labels: { team: 'xt' }, created: '2026-11-19T10:00:00Z', hash: 'hx1', crashLoop: '2026-11-19T10:10:00Z' });
      await seedPod(s, id, { uid: 'py1', controller: 'y', labels: { team: 'yt' }, created: '2026-11-10T10:00:00Z', hash: 'hy1' });
      await seedCost(s, id, 'x', '2026-11-28T00:00:00Z', '2026-11-30T12:00:00Z', 2);
      return id;
    });
    await deriveRollouts(db, at(now1, early));
    await db.session(async (s) => {
      // by now2: x fixed (recovers its old failure), y deploys, is rolled back, deploys again (rework), z superseded
      for (const r of [
        rev('x', 2, '2026-11-30T08:00:00Z', { completed: '2026-11-30T08:05:00Z' }),
        rev('y', 2, '2026-11-30T02:00:00Z', { completed: '2026-11-30T02:05:00Z', seen: '2026-11-30T04:00:00Z' }),
        rev('y', 3, '2026-11-30T04:00:00Z', { hash: 'hy1', spec: 'sy1', images: ['y:1'], history: [1], completed: '2026-11-30T04:05:00Z', seen: '2026-11-30T06:00:00Z' }),
        rev('y', 4, '2026-11-30T06:00:00Z', { completed: '2026-11-30T06:05:00Z' }),
        rev('z', 2, '2026-11-30T09:00:00Z', { completed: '2026-11-30T09:04:00Z' }),
      ]) await seedRevision(s, inc, r);
      await seedPod(s, inc, { uid: 'py2', controller: 'y', labels: { team: 'yt2' }, created: '2026-11-30T02:00:00Z', hash: 'hy2' });
    });
    expect((await deriveRollouts(db, at(now2, job))).rollouts).toBeGreaterThan(0);
    const withoutStamp = (rows: Record<string, unknown>[]) => rows.map(({ derived_at: _, ...rest }) => rest);
    const incremental = withoutStamp(await rollouts(db, inc));
    const by = (uid: string, revision: number) => incremental.find((r) => r.workload_uid === uid && r.revision === revision);
    expect(by('x', 1)).toMatchObject({ status: 'failed', team: 'xt', recovered_at: '2026-11-30T08:05:00.000Z' });
    expect(by('x', 2)).toMatchObject({ cost_per_hour_before_usd: 2, cost_per_hour_after_usd: 2 });
    expect(by('y', 2)).toMatchObject({ status: 'failed', failure_reason: 'RolledBack', team: 'yt2' });
    expect(by('y', 3)).toMatchObject({ kind: 'rollback', team: 'yt' });
    expect(by('y', 4)).toMatchObject({ kind: 'deployment', rework: true, team: 'yt2' });
    expect(by('z', 1)).toMatchObject({ superseded_at: '2026-11-30T09:00:00.000Z', team: 'shop-team' });
    await db.session(async (s) => {
      await s.run(`DELETE FROM "rollout" WHERE cluster_id = $1`, [inc]);
      await s.run(`DELETE FROM "workload_derivation" WHERE cluster_id = $1`, [inc]);
    });
    await deriveRollouts(db, at(now2, early));
    expect(withoutStamp(await rollouts(db, inc))).toEqual(incremental);
  });

  // Speed is measured in bench/delivery.ts, not here: this checks a large batch derives whole.
  test('a day of 2,000 workloads derives every rollout and pod day in one call', async () => {
    const big = await db.session(async (s) => {
      const [{ id }] = (await s.query<{ id: number }>(`INSERT INTO "cluster" (name) VALUES ('big') RETURNING id`)) as [{ id: number }];
      await s.run(
        `INSERT INTO "workload_revision" (cluster_id, workload_uid, revision, namespace, workload_kind, workload_name, template_hash, spec_hash, images,
           template_annotations, started_at, completed_at, first_seen_at, last_seen_at)
         SELECT $1, 'w' || w, r, 'ns' || (w % 20), 'Deployment', 'app' || w, 'h' || w || '-' || r, 's' || w || '-' || r, jsonb_build_array('img:' || w || '-' || r),
                '{}'::jsonb, $2::timestamptz + (w % 600) * interval '1 minute' + r * interval '4 hours', $2::timestamptz + (w % 600) * interval '1 minute' + r * interval '4 hours' + interval '3 minutes', $3, $3
           FROM generate_series(1, 2000) w, generate_series(1, 4) r`,
        [id, '2026-12-01T00:00:00Z', NOW],
      );
      await s.run(
        `INSERT INTO "pod" (cluster_id, uid, namespace, name, phase, owner_kind, owner_name, controller_kind, controller_name, labels, created_at, first_seen_at, last_seen_at,
           scheduled_at, ready_at, revision_hash)
         SELECT $1, 'p' || w || '-' || k, 'ns' || (w % 20), 'p' || w || '-' || k, 'Running', 'ReplicaSet', 'app' || w, 'Deployment', 'app' || w, jsonb_build_object('team', 't' || (w % 7)),
                $2::timestamptz + (w % 600) * interval '1 minute' + k * interval '4 hours', $3, $3,
                $2::timestamptz + (w % 600) * interval '1 minute' + k * interval '4 hours' + interval '2 seconds',
                $2::timestamptz + (w % 600) * interval '1 minute' + k * interval '4 hours' + interval '20 seconds', 'h' || w || '-' || k
           FROM generate_series(1, 2000) w, generate_series(1, 4) k`,
        [id, '2026-12-01T00:00:00Z', NOW],
      );
      return id;
    });
    const written = await deriveRollouts(db, options(big));
    expect(written.rollouts).toBe(8000);
    expect(written.podStartupDays).toBe(140);
  }, 60_000);
});
