import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET, POST } from '../../app/api/v1/recommendations/containers/route';
import { DEFAULT_CONFIG } from '../../lib/config';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import { rollupRange } from '../../lib/ingest/rollup';
import { getContainerRecommendations } from '../../lib/queries/get-container-recommendations';
import { setConfigSource } from '../../lib/settings/current';
import { setClock } from '../../lib/util/clock';
import { BACKENDS } from '../helpers/backends';
import { RIGHTSIZING_ATTRIBUTION, RIGHTSIZING_END, RIGHTSIZING_START, seedRightsizing } from '../fixtures/rightsizing';

const MIB = 1024 * 1024;
const WINDOW = `window=${new Date(RIGHTSIZING_START).toISOString()},${new Date(RIGHTSIZING_END).toISOString()}`;

interface Row {
  controllerName: string; container: string; team: string; namespace: string; controllerKind: string; cluster: string;
  current: Record<string, number | null>; recommended: Record<string, number | null>;
  usage: { cpuP95Millicores: number; cpuMaxMillicores: number; memoryPeakBytes: number; samples: number; hours: number };
  hpa: { cpu: boolean; memory: boolean }; risk: { level: string; reasons: string[] }; reason: string | null; monthlySavingUsd: number;
}
type Body = { code: number; data: Row[]; error?: { code: string; message: string; requestId: string } };

async function call(query: string): Promise<{ status: number; body: Body; text: string; type: string }> {
  const response = await GET(new Request(`http://localhost/api/v1/recommendations/containers?${query}`));
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  return { status: response.status, body: (type.includes('json') ? JSON.parse(text) : null) as Body, text, type };
}
const byName = (rows: Row[]) => new Map(rows.map((r) => [r.controllerName, r]));
const cents = (x: number) => Number.isInteger(Math.round(x * 100)) && Math.abs(x * 100 - Math.round(x * 100)) < 1e-6;

describe.each(BACKENDS)('GET /api/v1/recommendations/containers on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    setClock(() => new Date(RIGHTSIZING_END));
    setConfigSource({ current: () => ({ ...DEFAULT_CONFIG, recommendations: { lookbackDays: 4 } }) });
    ({ db, cleanup } = await backend.open());
    await seedRightsizing(db);
    setDatabase(db);
  }, 240_000);
  afterAll(async () => {
    setClock(null);
    await cleanup?.();
  });

  test('one row per workload container with the issue fields, largest saving first, money in cents', async () => {
    const { status, body } = await call(`${WINDOW}&strategy=simple`);
    expect(status).toBe(200);
    expect(body.code).toBe(200);
    expect(body.data.map((r) => `${r.namespace}/${r.controllerName}/${r.container}`)).toEqual(['search/db/postgres', 'shop/api/app', 'shop/worker/app']);
    expect(Object.keys(body.data[0]!)).toEqual([
      'cluster', 'namespace', 'controllerKind', 'controllerName', 'container', 'team', 'current', 'recommended', 'usage', 'hpa', 'risk', 'reason',
      'monthlySavingUsd',
    ]);
    const rows = byName(body.data);
    const api = rows.get('api')!;
    expect(api).toMatchObject({ cluster: 'prod', controllerKind: 'Deployment', team: 'alpha', hpa: { cpu: false, memory: false }, reason: null });
    expect(api.current).toEqual({ cpuRequestMillicores: 1000, cpuLimitMillicores: null, memoryRequestBytes: 2048 * MIB, memoryLimitBytes: 2048 * MIB });
    // KRR simple: CPU = p95 of usage uniform on [100, 250) m → ~242 m (histogram within 5%), no limit; memory = peak × 1.15 rounded up to MiB.
    expect(api.recommended.cpuRequestMillicores).toBeGreaterThanOrEqual(235);
    expect(api.recommended.cpuRequestMillicores).toBeLessThanOrEqual(Math.ceil(250 * 1.05));
    expect(api.recommended.cpuLimitMillicores).toBeNull();
    expect(api.recommended.memoryRequestBytes).toBe(Math.ceil((api.usage.memoryPeakBytes * 1.15) / MIB) * MIB);
    expect(api.recommended.memoryLimitBytes).toBe(api.recommended.memoryRequestBytes);
    expect(api.usage).toMatchObject({ samples: 2 * 4 * 96, hours: 96 });
    expect(api.usage.memoryPeakBytes).toBeLessThan(350 * MIB);
    expect(api.monthlySavingUsd).toBeGreaterThan(0);
    // The worker runs above its requests: the recommendation costs money and the risk says why.
    const worker = rows.get('worker')!;
    expect(worker.monthlySavingUsd).toBeLessThan(0);
    expect(worker.recommended.cpuRequestMillicores).toBeGreaterThan(550);
    expect(worker.risk.level).not.toBe('none');
    expect(worker.risk.reasons.join(' ')).toMatch(/request/);
    for (const r of body.data) expect(cents(r.monthlySavingUsd)).toBe(true);
  });

  test('the saving is the unrounded recommendation rounded once; aggregate sums the rows per team', async () => {
    const direct = await getContainerRecommendations(db, { startMs: RIGHTSIZING_START, endMs: RIGHTSIZING_END, strategy: 'simple' });
    const rows = (await call(WINDOW)).body.data;
    expect(rows.map((r) => r.monthlySavingUsd)).toEqual(direct.rows.map((r) => Math.round(r.monthlySavingUsd * 100) / 100));
    const teams = (await call(`${WINDOW}&aggregate=team`)).body.data as unknown as Array<{ key: string; team: string; containers: number; monthlySavingUsd: number }>;
    const alpha = direct.rows.filter((r) => r.team === 'alpha').reduce((s, r) => s + r.monthlySavingUsd, 0);
    const beta = direct.rows.filter((r) => r.team === 'beta').reduce((s, r) => s + r.monthlySavingUsd, 0);
    expect(teams.map((t) => [t.team, t.containers, t.monthlySavingUsd])).toEqual(
      [['beta', 1, Math.round(beta * 100) / 100], ['alpha', 2, Math.round(alpha * 100) / 100]].sort((a, b) => Number(b[2]) - Number(a[2])),
    );
    const controllers = (await call(`${WINDOW}&aggregate=controller`)).body.data as unknown as Array<{ key: string }>;
    expect(controllers.map((c) => c.key)).toContain('prod/shop/Deployment/api');
    const namespaces = (await call(`${WINDOW}&aggregate=namespace`)).body.data as unknown as Array<{ key: string }>;
    expect(namespaces.map((c) => c.key).sort()).toEqual(['prod/search', 'prod/shop']);
  });

  test('without window: the configured lookbackDays; vpa strategy answers too', async () => {
    expect((await call('')).body.data).toEqual((await call(WINDOW)).body.data);
    const vpa = await call(`${WINDOW}&strategy=vpa`);
    expect(vpa.status).toBe(200);
    const api = byName(vpa.body.data).get('api')!;
    // VPA target: p90 + 15% margin, within the usage range scaled by the margin.
    expect(api.recommended.cpuRequestMillicores).toBeGreaterThan(200);
    expect(api.recommended.cpuRequestMillicores).toBeLessThan(350);
    expect(api.monthlySavingUsd).toBeGreaterThan(0);
  });

  test('filter narrows by namespace, team, controllerKind and controllerName', async () => {
    const names = async (filter: string) => (await call(`${WINDOW}&filter=${encodeURIComponent(filter)}`)).body.data.map((r) => r.controllerName).sort();
    expect(await names('namespace:"shop"')).toEqual(['api', 'worker']);
    expect(await names('team!:"alpha"')).toEqual(['db']);
    expect(await names('controllerKind:"StatefulSet"')).toEqual(['db']);
    expect(await names('controllerName:"api","worker"+namespace:"shop"')).toEqual(['api', 'worker']);
  });

  test('format=csv: a header of the flattened fields, one line per row', async () => {
    const { status, type, text } = await call(`${WINDOW}&format=csv`);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/csv/);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'cluster,namespace,controllerKind,controllerName,container,team,current.cpuRequestMillicores,current.cpuLimitMillicores,current.memoryRequestBytes,'
      + 'current.memoryLimitBytes,recommended.cpuRequestMillicores,recommended.cpuLimitMillicores,recommended.memoryRequestBytes,'
      + 'recommended.memoryLimitBytes,usage.cpuP95Millicores,usage.cpuMaxMillicores,usage.memoryPeakBytes,usage.samples,usage.hours,hpa.cpu,hpa.memory,'
      + 'risk,riskReasons,reason,monthlySavingUsd',
    );
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^prod,shop,Deployment,api,app,alpha,1000,,2147483648,2147483648,/);
    const team = await call(`${WINDOW}&aggregate=team&format=csv`);
    expect(team.text.split('\r\n')[0]).toBe('key,team,cluster,namespace,controllerKind,controllerName,containers,monthlySavingUsd');
  });

  test('cpuLimit and memoryLimit choose the limit policy: unset, = request, proportional, a usage percentile', async () => {
    const plain = byName((await call(WINDOW)).body.data).get('api')!;
    // simple's defaults: CPU limit unset, memory limit = request.
    expect(plain.recommended.cpuLimitMillicores).toBeNull();
    expect(plain.recommended.memoryLimitBytes).toBe(plain.recommended.memoryRequestBytes);
    const request = byName((await call(`${WINDOW}&cpuLimit=request&memoryLimit=unset`)).body.data).get('api')!;
    expect(request.recommended.cpuLimitMillicores).toBe(plain.recommended.cpuRequestMillicores);
    expect(request.recommended.memoryLimitBytes).toBeNull();
    expect(request.recommended.cpuRequestMillicores).toBe(plain.recommended.cpuRequestMillicores); // limits never move requests
    const p100 = byName((await call(`${WINDOW}&cpuLimit=p100`)).body.data).get('api')!;
    // The 100th percentile of usage is the observed maximum (never below the request).
    expect(p100.recommended.cpuLimitMillicores).toBe(Math.max(plain.usage.cpuMaxMillicores, plain.recommended.cpuRequestMillicores!));
    const p99 = byName((await call(`${WINDOW}&cpuLimit=p99`)).body.data).get('api')!;
    expect(p99.recommended.cpuLimitMillicores).toBeGreaterThanOrEqual(plain.recommended.cpuRequestMillicores!);
    expect(p99.recommended.cpuLimitMillicores).toBeLessThanOrEqual(p100.recommended.cpuLimitMillicores!);
  });

  test('includeHpa=true recommends the requests an HPA scales on; by default they are left alone', async () => {
    await db.session((s) => s.run(
      `INSERT INTO horizontal_pod_autoscaler (cluster_id, namespace, name, target_kind, target_name, min_replicas, max_replicas, scales_cpu, first_seen_at, last_seen_at)
       SELECT c.id, 'shop', 'worker', 'Deployment', 'worker', 1, 5, true, now(), (SELECT max(sampled_at) FROM scrape WHERE cluster_id = c.id) FROM cluster c WHERE c.name = 'prod'`,
    ));
    try {
      // A window not asked for yet (results are kept until the rollups change).
      const window = `window=${new Date(RIGHTSIZING_START + 3_600_000).toISOString()},${new Date(RIGHTSIZING_END).toISOString()}`;
      const held = byName((await call(window)).body.data).get('worker')!;
      expect(held.hpa.cpu).toBe(true);
      expect(held.reason).toContain('HPA scales on CPU');
      expect(held.recommended.cpuRequestMillicores).toBe(held.current.cpuRequestMillicores);
      const included = byName((await call(`${window}&includeHpa=true`)).body.data).get('worker')!;
      expect(included.hpa.cpu).toBe(true);
      expect(included.recommended.cpuRequestMillicores).not.toBe(included.current.cpuRequestMillicores);
      expect(included.reason ?? '').not.toContain('HPA scales on CPU');
    } finally {
      await db.session((s) => s.run(`DELETE FROM horizontal_pod_autoscaler`));
    }
  });

  test.each([
    ['strategy=krr', 'strategy: must be one of simple, vpa'],
    ['aggregate=pod', 'aggregate: must be one of team, namespace, controller'],
    ['format=xml', 'format: must be json or csv'],
    ['window=yesterdayish', 'window: "yesterdayish" is not a window'],
    ['window=91d', 'window: longer than 90 days'],
    ['filter=node:"n1"', 'filter: recommendations cannot be filtered by node'],
    ['filter=namespace:shop', 'filter: namespace: value shop must be in double quotes'],
    ['windows=14d', 'windows: unknown parameter; use window, strategy, filter, aggregate, format, cpuLimit, memoryLimit, includeHpa'],
    ['cpuLimit=p40', 'cpuLimit: must be unset, request, proportional or a usage percentile p50–p100'],
    ['memoryLimit=max', 'memoryLimit: must be unset, request, proportional or a usage percentile p50–p100'],
    ['includeHpa=yes', 'includeHpa: must be true or false'],
    ['strategy=simple&strategy=vpa', 'strategy: given more than once'],
  ])('%s → 400 in the one error shape', async (query, message) => {
    const { status, body } = await call(query);
    expect(status).toBe(400);
    expect(body.error?.code).toBe('INVALID');
    expect(body.error?.message.startsWith(message)).toBe(true);
    expect(Object.keys(body)).toEqual(['error']);
  });

  test('POST is a JSON 405', async () => {
    const response = await POST!(new Request('http://localhost/api/v1/recommendations/containers', { method: 'POST' }));
    expect(response.status).toBe(405);
  });

  test('kept until the rollups change: a repeated request is one version read; a rollup recomputes', async () => {
    const options = { startMs: RIGHTSIZING_START, endMs: RIGHTSIZING_END, strategy: 'simple' as const };
    const first = await getContainerRecommendations(db, options);
    expect((await getContainerRecommendations(db, options)).rows).toBe(first.rows);
    // Double the api pods' requests, then roll the last hour up again: the version moves, the rows are recomputed.
    await db.session((s) => s.run(`UPDATE container SET cpu_request_millicores = 2000 WHERE pod_uid LIKE 'api-%'`));
    expect((await getContainerRecommendations(db, options)).rows).toBe(first.rows);
    await rollupRange(db, { from: new Date(RIGHTSIZING_END - 3_600_000), to: new Date(RIGHTSIZING_END), now: new Date(RIGHTSIZING_END), attribution: RIGHTSIZING_ATTRIBUTION });
    const after = await getContainerRecommendations(db, options);
    expect(after.rows).not.toBe(first.rows);
    expect(after.rows.find((r) => r.controllerName === 'api')!.current.cpuRequestMillicores).toBe(2000);
  });
});
