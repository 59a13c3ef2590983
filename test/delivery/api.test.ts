import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET as allocationRoute } from '../../app/api/v1/allocation/route';
import { GET as deliveryRoute, POST as deliveryPost } from '../../app/api/v1/delivery/route';
import { GET as deploymentsRoute, POST as deploymentsPost } from '../../app/api/v1/deployments/route';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import { bucketOf, bucketValue, toHistogram } from '../../lib/delivery/histogram';
import type { DemoCluster } from '../../lib/demo/server';
import { setClock } from '../../lib/util/clock';
import { BACKENDS } from '../helpers/backends';
import { replayDemo } from '../helpers/replay';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const WEEK = 'window=2026-11-18T00:00:00Z,2026-11-25T00:00:00Z';
const COST_FROM = new Date('2026-11-25T08:00:00.000Z');
const COST_TO = new Date('2026-11-25T11:00:00.000Z');
const HOURS = 'window=2026-11-25T08:00:00Z,2026-11-25T11:00:00Z';

type Row = Record<string, unknown> & { name: string };
type Body = { code: number; data: Row[]; error?: { code: string; message: string } };

async function call(handler: (r: Request) => Response | Promise<Response>, path: string, query: string) {
  const response = await handler(new Request(`http://localhost${path}?${query}`));
  const json = response.headers.get('content-type')?.includes('json');
  return { status: response.status, body: (json ? await response.clone().json() : null) as Body, text: json ? '' : await response.text() };
}
const delivery = (q: string) => call(deliveryRoute, '/api/v1/delivery', q);
const deployments = (q: string) => call(deploymentsRoute, '/api/v1/deployments', q);
const byName = (rows: Row[]) => new Map(rows.map((r) => [r.name, r]));

interface Seed {
  uid: string; revision: number; namespace: string; kind: string; name: string; team: string; change: string; status: string;
  started: string | null; finished?: string | null; failed?: string | null; lead?: number | null; recovery?: number | null; rework?: boolean;
  reason?: string | null; images?: string[];
}

async function seed(db: Database): Promise<void> {
  const rollouts: Seed[] = [
    { uid: 'w1', revision: 1, namespace: 'shop', kind: 'deployment', name: 'web', team: 'alpha', change: 'deployment', status: 'succeeded', started: '2026-11-20T10:00:00Z', finished: '2026-11-20T10:10:00Z', lead: 3600, images: ['shop/web:1'] },
    { uid: 'w1', revision: 2, namespace: 'shop', kind: 'deployment', name: 'web', team: 'alpha', change: 'deployment', status: 'succeeded', started: '2026-11-21T10:00:00Z', finished: '2026-11-21T10:05:00Z', lead: 7200, rework: true, images: ['shop/web:2', 'shop/sidecar:1'] },
    { uid: 'w1', revision: 3, namespace: 'shop', kind: 'deployment', name: 'web', team: 'alpha', change: 'deployment', status: 'failed', started: '2026-11-22T10:00:00Z', failed: '2026-11-22T10:30:00Z', recovery: 1800, reason: 'ProgressDeadlineExceeded' },
    { uid: 'w1', revision: 4, namespace: 'shop', kind: 'deployment', name: 'web', team: 'alpha', change: 'config', status: 'succeeded', started: '2026-11-23T09:00:00Z', finished: '2026-11-23T09:01:00Z' },
    // Started in the week, finished after it: listed, not counted.
    { uid: 'w1', revision: 5, namespace: 'shop', kind: 'deployment', name: 'web', team: 'alpha', change: 'deployment', status: 'succeeded', started: '2026-11-24T23:50:00Z', finished: '2026-11-25T00:10:00Z', lead: 60 },
    { uid: 'w2', revision: 7, namespace: 'shop', kind: 'statefulset', name: 'db', team: 'alpha', change: 'restart', status: 'succeeded', started: '2026-11-19T08:00:00Z', finished: '2026-11-19T08:02:00Z' },
    { uid: 'w3', revision: 2, namespace: 'search', kind: 'deployment', name: 'api', team: 'beta', change: 'config', status: 'succeeded', started: '2026-11-20T12:00:00Z', finished: '2026-11-20T12:03:00Z' },
    { uid: 'w4', revision: 9, namespace: 'batch', kind: 'deployment', name: 'worker', team: 'gamma', change: 'deployment', status: 'progressing', started: '2026-11-21T12:00:00Z' },
  ];
  await db.session(async (s) => {
    const [cluster] = await s.query<{ id: number }>(`INSERT INTO cluster (name) VALUES ('acme') RETURNING id`);
    const id = cluster!.id;
    for (const r of rollouts) {
      const counted = r.status === 'failed' ? r.failed ?? null : r.status === 'succeeded' ? r.finished ?? null : null;
      await s.query(
        `INSERT INTO rollout (cluster_id, workload_uid, revision, namespace, controller_kind, controller_name, team, kind, status,
                              started_at, finished_at, failed_at, counted_at, failure_reason, commit_sha, commit_time, lead_time_seconds,
                              recovery_seconds, rework, images, cost_per_hour_before_usd, cost_per_hour_after_usd, derived_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                 CASE WHEN $17::float8 IS NULL THEN NULL ELSE $16::timestamptz - make_interval(secs => $17::float8) END,
                 $17, $18, $19, $20::jsonb, $21, $22, $23)`,
        [id, r.uid, r.revision, r.namespace, r.kind, r.name, r.team, r.change, r.status, r.started, r.finished ?? null, r.failed ?? null,
          counted, r.reason ?? null, r.lead == null ? null : `sha${r.revision}`, counted ?? NOW.toISOString(), r.lead ?? null, r.recovery ?? null,
          r.rework ?? false, JSON.stringify(r.images ?? []), r.change === 'deployment' ? 1.5 : null, r.change === 'deployment' ? 1.25 : null, NOW],
      );
    }
    const day = (d: string, ns: string, team: string, startup: number[], scheduling: number[], unschedPods: number, unschedS: number) =>
      s.query(
        `INSERT INTO pod_startup_day (cluster_id, day_start, namespace, team, pods, startup_buckets, scheduling_buckets, unschedulable_pods, unschedulable_seconds)
         VALUES ($1, $2, $3, $4, $5, $6::int[], $7::int[], $8, $9)`,
        [id, d, ns, team, startup.length, toHistogram(startup), toHistogram(scheduling), unschedPods, unschedS],
      );
    await day('2026-11-20T00:00:00Z', 'shop', 'alpha', [1, 2, 3], [0.5, 4, 40], 1, 30);
    await day('2026-11-21T00:00:00Z', 'shop', 'alpha', [10], [1], 0, 0);
    await day('2026-11-25T00:00:00Z', 'shop', 'alpha', [500], [500], 5, 999); // after the week
  });
}

describe.each(BACKENDS)('GET /api/v1/delivery and /api/v1/deployments on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster | undefined;

  beforeAll(async () => {
    setClock(() => NOW);
    ({ db, cleanup } = await backend.open());
    cluster = await replayDemo(db, COST_FROM, COST_TO);
    await seed(db);
    setDatabase(db);
  }, 180_000);
  afterAll(async () => {
    setClock(null);
    await cluster?.close();
    await cleanup?.();
  });

  test('per team: counts, change failure rate, rework, lead time, recovery, pod figures and tiers', async () => {
    const { status, body } = await delivery(WEEK);
    expect(status).toBe(200);
    expect(body.code).toBe(200);
    const alpha = byName(body.data).get('alpha')!;
    expect(alpha).toMatchObject({
      deployments: 3, deploymentsPerDay: 3 / 7, configChanges: 1, restarts: 1, rollbacks: 0, failedDeployments: 1,
      changeFailureRate: 1 / 3, reworkRate: 1 / 3, leadTimeSecondsMedian: 5400, leadTimeSecondsP90: 3600 + 0.9 * 3600, leadTimeSamples: 2,
      recoverySecondsMedian: 1800, rolloutSecondsMedian: 210, rolloutSecondsP90: expect.closeTo(510, 9), // type-7 quantiles, as lib/delivery
      podStartupSecondsP50: bucketValue(bucketOf(2)), podStartupSecondsP90: bucketValue(bucketOf(3)),
      schedulingWaitSecondsP90: bucketValue(bucketOf(4)), unschedulablePods: 1, unschedulableSeconds: 30,
      tiers: { deploymentFrequency: 'high', leadTime: 'elite', changeFailureRate: 'low', recoveryTime: 'elite' },
      costUsd: null, costPerDeploymentUsd: null,
    });
    expect(Object.keys(alpha)).toEqual([
      'name', 'deployments', 'deploymentsPerDay', 'configChanges', 'restarts', 'rollbacks', 'failedDeployments', 'changeFailureRate',
      'reworkRate', 'leadTimeSecondsMedian', 'leadTimeSecondsP90', 'leadTimeSamples', 'recoverySecondsMedian', 'rolloutSecondsMedian',
      'rolloutSecondsP90', 'podStartupSecondsP50', 'podStartupSecondsP90', 'schedulingWaitSecondsP90', 'costUsd', 'costPerDeploymentUsd',
      'unschedulablePods', 'unschedulableSeconds', 'tiers',
    ]);
  });

  test('a group without deployments: real zero counts, null ratios, null tiers', async () => {
    const beta = byName((await delivery(WEEK)).body.data).get('beta')!;
    expect(beta).toMatchObject({
      deployments: 0, deploymentsPerDay: 0, configChanges: 1, changeFailureRate: null, reworkRate: null, leadTimeSecondsMedian: null,
      recoverySecondsMedian: null, podStartupSecondsP50: null, unschedulablePods: null,
      tiers: { deploymentFrequency: null, leadTime: null, changeFailureRate: null, recoveryTime: null },
    });
    expect(byName((await delivery(WEEK)).body.data).has('gamma')).toBe(false); // only a progressing rollout: nothing counted
  });

  test('doraYear=2023 reads the 2023 table', async () => {
    const alpha = byName((await delivery(`${WEEK}&doraYear=2023`)).body.data).get('alpha')!;
    // 1/3 is nearest 2023's medium point (15 %)? |0.333−0.15| = 0.18 vs |0.333−0.64| = 0.31 → medium.
    expect(alpha.tiers).toMatchObject({ changeFailureRate: 'medium' });
  });

  test('aggregate=namespace and aggregate=controller (namespace/kind/name, no pod figures)', async () => {
    const ns = byName((await delivery(`${WEEK}&aggregate=namespace`)).body.data);
    expect(ns.get('shop')).toMatchObject({ deployments: 3, restarts: 1, unschedulablePods: 1 });
    expect(ns.get('search')).toMatchObject({ deployments: 0, configChanges: 1 });
    const ctl = byName((await delivery(`${WEEK}&aggregate=controller`)).body.data);
    expect(ctl.get('shop/deployment/web')).toMatchObject({ deployments: 3, configChanges: 1, podStartupSecondsP50: null, unschedulablePods: null });
    expect(ctl.get('shop/statefulset/db')).toMatchObject({ deployments: 0, restarts: 1 });
    const cl = byName((await delivery(`${WEEK}&aggregate=cluster`)).body.data);
    expect(cl.get('acme')).toMatchObject({ deployments: 3, configChanges: 2, restarts: 1 });
  });

  test('filter narrows the groups; unsupported fields are a 400 naming them', async () => {
    const names = (await delivery(`${WEEK}&filter=${encodeURIComponent('namespace:"search"')}`)).body.data.map((r) => r.name);
    expect(names).toContain('beta');
    expect(names).not.toContain('alpha');
    const bad = await delivery(`${WEEK}&filter=${encodeURIComponent('pod:"x"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID' });
    expect(bad.body.error!.message).toMatch(/^filter: pod/);
  });

  test('costUsd per group is the allocation API’s cost for that group and window', async () => {
    const allocation = await call(allocationRoute, '/api/v1/allocation', `${HOURS}&aggregate=team`);
    const teams = Object.values(allocation.body.data[0]! as unknown as Record<string, { name: string; totalCost: number }>);
    const rows = byName((await delivery(`${HOURS}&aggregate=team`)).body.data);
    expect(teams.length).toBeGreaterThan(0);
    for (const t of teams) {
      const name = t.name === '__unallocated__' ? 'unassigned' : t.name;
      expect(rows.get(name)?.costUsd as number).toBeCloseTo(t.totalCost, 6);
      expect(rows.get(name)?.costPerDeploymentUsd).toBeNull(); // no deployments in those hours
    }
    const namespaces = Object.values((await call(allocationRoute, '/api/v1/allocation', `${HOURS}&aggregate=namespace`)).body.data[0]! as unknown as Record<string, { name: string; totalCost: number }>);
    const nsRows = byName((await delivery(`${HOURS}&aggregate=namespace`)).body.data);
    for (const n of namespaces) expect(nsRows.get(n.name)?.costUsd as number).toBeCloseTo(n.totalCost, 6);
    const controllers = (await delivery(`${HOURS}&aggregate=controller`)).body.data;
    expect(controllers.length).toBeGreaterThan(0);
    for (const c of controllers) expect(c.name).toMatch(/^[^/]+\/[a-z]+\/[^/]+$/);
    const controllerTotal = controllers.reduce((s, c) => s + ((c.costUsd as number | null) ?? 0), 0);
    expect(controllerTotal).toBeGreaterThan(0);
  });

  test('csv: header of the field names (tiers flattened), one line per group', async () => {
    const { status, text } = await delivery(`${WEEK}&format=csv&filter=${encodeURIComponent('cluster:"acme"')}`);
    expect(status).toBe(200);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'name,deployments,deploymentsPerDay,configChanges,restarts,rollbacks,failedDeployments,changeFailureRate,reworkRate,' +
        'leadTimeSecondsMedian,leadTimeSecondsP90,leadTimeSamples,recoverySecondsMedian,rolloutSecondsMedian,rolloutSecondsP90,' +
        'podStartupSecondsP50,podStartupSecondsP90,schedulingWaitSecondsP90,unschedulablePods,unschedulableSeconds,' +
        'tierDeploymentFrequency,tierLeadTime,tierChangeFailureRate,tierRecoveryTime,costUsd,costPerDeploymentUsd',
    );
    const alpha = lines.find((l) => l.startsWith('alpha,'))!.split(',');
    expect(alpha.slice(0, 7)).toEqual(['alpha', '3', String(3 / 7), '1', '1', '0', '1']);
    expect(alpha.slice(20, 24)).toEqual(['high', 'elite', 'low', 'elite']);
    expect(lines.find((l) => l.startsWith('beta,'))!.split(',')[7]).toBe(''); // null → empty
  });

  test.each([
    ['a bad window', 'window=yesterday-ish', /^window: /],
    ['no window', 'aggregate=team', /^window: /],
    ['an unknown aggregate', `${WEEK}&aggregate=pod`, /^aggregate: /],
    ['an unknown doraYear', `${WEEK}&doraYear=2022`, /^doraYear: /],
    ['an unknown format', `${WEEK}&format=xml`, /^format: /],
  ])('%s is a 400 naming the parameter', async (_name, query, message) => {
    const { status, body } = await delivery(query);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'INVALID', message: expect.stringMatching(message) });
  });

  test('POST is a 405 on both', async () => {
    for (const [handler, path] of [[deliveryPost, '/api/v1/delivery'], [deploymentsPost, '/api/v1/deployments']] as const) {
      const response = await handler(new Request(`http://localhost${path}`, { method: 'POST' }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    }
  });

  test('deployments: started or counted in the window, newest start first, every field', async () => {
    const { status, body } = await deployments(`${WEEK}&filter=${encodeURIComponent('cluster:"acme"')}`);
    expect(status).toBe(200);
    expect(body.data.map((r) => `${r.controllerName}#${String(r.revision)}`)).toEqual(['web#5', 'web#4', 'web#3', 'worker#9', 'web#2', 'api#2', 'web#1', 'db#7']);
    expect(body.data[4]).toEqual({
      cluster: 'acme', namespace: 'shop', controllerKind: 'deployment', controllerName: 'web', team: 'alpha', revision: 2, kind: 'deployment',
      startedAt: '2026-11-21T10:00:00.000Z', finishedAt: '2026-11-21T10:05:00.000Z', status: 'succeeded', failureReason: null,
      commitSha: 'sha2', commitTime: '2026-11-21T08:05:00.000Z', leadTimeSeconds: 7200, images: ['shop/web:2', 'shop/sidecar:1'],
      costPerHourBeforeUsd: 1.5, costPerHourAfterUsd: 1.25,
    });
    expect(body.data[2]).toMatchObject({ status: 'failed', failureReason: 'ProgressDeadlineExceeded', finishedAt: null, commitSha: null, leadTimeSeconds: null });
    const narrowed = await deployments(`${WEEK}&filter=${encodeURIComponent('controllerKind:"StatefulSet"')}`);
    expect(narrowed.body.data.map((r) => r.controllerName)).toEqual(['db']);
  });

  test('deployments csv joins images by a space; bad window is a 400', async () => {
    const { text } = await deployments(`${WEEK}&format=csv&filter=${encodeURIComponent('controllerName:"web"')}`);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('cluster,namespace,controllerKind,controllerName,team,revision,kind,startedAt,finishedAt,status,failureReason,commitSha,commitTime,leadTimeSeconds,images,costPerHourBeforeUsd,costPerHourAfterUsd');
    expect(lines).toHaveLength(6);
    expect(lines[4]).toContain(',shop/web:2 shop/sidecar:1,');
    expect((await deployments('window=nope')).status).toBe(400);
  });
});
