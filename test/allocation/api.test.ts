import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET as allocationRoute } from '../../app/api/v1/allocation/route';
import { computeAllocation, type AllocationRequest } from '../../lib/allocation/compute';
import { IDLE, UNALLOCATED, totalCost } from '../../lib/cost/allocation-set';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import type { DemoCluster } from '../../lib/demo/server';
import { BACKENDS } from '../helpers/backends';
import { replayDemo } from '../helpers/replay';

const FROM = new Date('2026-11-25T08:00:00.000Z');
const TO = new Date('2026-11-25T11:00:00.000Z');
const DAY = 'window=2026-11-25T00:00:00Z,2026-11-26T00:00:00Z';
const HOURS = 'window=2026-11-25T08:00:00Z,2026-11-25T11:00:00Z';

// OpenCost's AllocationJSON fields (core/pkg/opencost/allocation_json.go), omitempty ones aside.
const OPENCOST_FIELDS = [
  'name', 'properties', 'window', 'start', 'end', 'minutes', 'cpuCores', 'cpuCoreRequestAverage', 'cpuCoreLimitAverage',
  'cpuCoreUsageAverage', 'cpuCoreHours', 'cpuCost', 'cpuCostAdjustment', 'cpuCostIdle', 'cpuEfficiency', 'gpuCount', 'gpuHours',
  'gpuCost', 'gpuCostAdjustment', 'gpuCostIdle', 'gpuEfficiency', 'networkTransferBytes', 'networkReceiveBytes', 'networkCost',
  'networkCrossZoneCost', 'networkCrossRegionCost', 'networkInternetCost', 'networkCostAdjustment', 'loadBalancerCost',
  'loadBalancerCostAdjustment', 'pvBytes', 'pvByteHours', 'pvCost', 'pvs', 'pvCostAdjustment', 'ramBytes', 'ramByteRequestAverage',
  'ramByteLimitAverage', 'ramByteUsageAverage', 'ramByteHours', 'ramCost', 'ramCostAdjustment', 'ramCostIdle', 'ramEfficiency',
  'externalCost', 'sharedCost', 'totalCost', 'totalEfficiency', 'lbAllocations', 'gpuAllocation',
];

type Entry = Record<string, unknown> & { name: string; totalCost: number };
type Body = { code: number; data: Record<string, Entry>[] };

async function get(query: string): Promise<{ status: number; body: Body & { error?: { code: string; message: string } }; response: Response }> {
  const response = await allocationRoute(new Request(`http://localhost/api/v1/allocation?${query}`));
  const body = response.headers.get('content-type')?.includes('json') ? await response.clone().json() : null;
  return { status: response.status, body, response };
}
const sum = (entries: Record<string, Entry>) => Object.values(entries).reduce((s, e) => s + e.totalCost, 0);

describe.each(BACKENDS)('GET /api/v1/allocation on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  let clusterCostUsd = 0;

  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    cluster = await replayDemo(db, FROM, TO);
    setDatabase(db);
    // What the cluster cost: its nodes, plus its volumes (priced apart from nodes).
    const [row] = await db.session((s) =>
      s.query<{ cost: number }>('SELECT ((SELECT sum(cost_usd) FROM node_hour) + (SELECT sum(pv_cost_usd) FROM container_hour))::float8 AS cost'),
    );
    clusterCostUsd = row!.cost;
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  test('every allocation carries OpenCost’s fields, in one map per step', async () => {
    const { status, body } = await get(`${DAY}&aggregate=namespace&includeIdle=true`);
    expect(status).toBe(200);
    expect(body.code).toBe(200);
    expect(body.data).toHaveLength(1);
    for (const entry of Object.values(body.data[0]!)) expect(Object.keys(entry)).toEqual(OPENCOST_FIELDS);
    expect(body.data[0]![IDLE]).toBeDefined();
    expect(body.data[0]!['kube-system']!.window).toEqual({ start: '2026-11-25T00:00:00Z', end: '2026-11-26T00:00:00Z' });
  });

  test.each([
    ['includeIdle=true', `${DAY}&aggregate=team&includeIdle=true`],
    ['shareIdle=true', `${DAY}&aggregate=team&shareIdle=true`],
    ['shareIdle by cluster, kube-system shared evenly', `${DAY}&aggregate=team&shareIdle=true&idleByNode=false&shareNamespaces=kube-system&shareSplit=even`],
    ['hour rows give the day rows’ totals', `${HOURS}&aggregate=namespace&includeIdle=true`],
    ['a window ending after the newest hour reads the partial day row', 'window=2026-11-25T00:00:00Z,2026-11-25T13:00:00Z&aggregate=namespace&includeIdle=true'],
  ])('teams + idle + shared = the cluster cost (%s)', async (_name, query) => {
    const { body } = await get(query);
    expect(sum(body.data[0]!)).toBeCloseTo(clusterCostUsd, 3);
  });

  test('a window ending before the newest hour reads hours, not the day row', async () => {
    const { body } = await get('window=2026-11-25T00:00:00Z,2026-11-25T10:00:00Z&aggregate=namespace&includeIdle=true');
    const [row] = await db.session((s) =>
      s.query<{ cost: number }>(
        `SELECT ((SELECT sum(cost_usd) FROM node_hour WHERE hour_start < '2026-11-25T10:00:00Z')
               + (SELECT sum(pv_cost_usd) FROM container_hour WHERE hour_start < '2026-11-25T10:00:00Z'))::float8 AS cost`,
      ),
    );
    expect(sum(body.data[0]!)).toBeCloseTo(row!.cost, 3);
    expect(row!.cost).toBeLessThan(clusterCostUsd);
  });

  test('shareIdle per node: each namespace carries its containers’ hour-by-hour idle shares', async () => {
    const { body } = await get(`${DAY}&aggregate=namespace&shareIdle=true`);
    const expected = await db.session((s) =>
      s.query<{ namespace: string; total: number; idle: number }>(
        `SELECT namespace, sum(total_cost_usd + cpu_idle_share_usd + ram_idle_share_usd + gpu_idle_share_usd)::float8 AS total,
                sum(cpu_idle_share_usd)::float8 AS idle FROM container_hour GROUP BY namespace`,
      ),
    );
    for (const e of expected) {
      expect(body.data[0]![e.namespace]!.totalCost).toBeCloseTo(e.total, 4);
      expect(body.data[0]![e.namespace]!.cpuCostIdle).toBeCloseTo(e.idle, 4);
    }
  });

  test('aggregate=team names the demo teams; pods without a team are __unallocated__', async () => {
    const { body } = await get(`${DAY}&aggregate=team`);
    const names = Object.keys(body.data[0]!);
    expect(names).toContain(UNALLOCATED);
    expect(names).not.toContain('unassigned');
    expect(names.length).toBeGreaterThanOrEqual(6);
  });

  test('step=1h: one map per hour; the steps add up to the whole window', async () => {
    const whole = await get(`${HOURS}&aggregate=namespace`);
    const steps = await get(`${HOURS}&aggregate=namespace&step=1h`);
    expect(steps.body.data).toHaveLength(3);
    expect(steps.body.data.map((m) => Object.values(m)[0]!.window)).toEqual([
      { start: '2026-11-25T08:00:00Z', end: '2026-11-25T09:00:00Z' },
      { start: '2026-11-25T09:00:00Z', end: '2026-11-25T10:00:00Z' },
      { start: '2026-11-25T10:00:00Z', end: '2026-11-25T11:00:00Z' },
    ]);
    expect(steps.body.data.reduce((s, m) => s + sum(m), 0)).toBeCloseTo(sum(whole.body.data[0]!), 4);
  });

  test('filter keeps only what matches; idle is the kept allocations’ share', async () => {
    const { body } = await get(`${DAY}&aggregate=namespace&includeIdle=true&filter=${encodeURIComponent('namespace:"kube-system","monitoring"')}`);
    expect(Object.keys(body.data[0]!).sort()).toEqual([IDLE, 'kube-system', 'monitoring']);
    expect(body.data[0]![IDLE]!.totalCost).toBeLessThan(sum(body.data[0]!));
  });

  test('aggregate=label:app groups by the pods’ labels', async () => {
    const { body } = await get(`${DAY}&aggregate=label:app`);
    expect(Object.keys(body.data[0]!).length).toBeGreaterThan(10);
    expect(Object.values(body.data[0]!)[0]!.properties).toHaveProperty('labels');
  });

  test('format=csv: a header and one row per allocation, the same totals', async () => {
    const json = await get(`${DAY}&aggregate=namespace`);
    const { response } = await get(`${DAY}&aggregate=namespace&format=csv`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['name', 'windowStart', 'windowEnd']);
    expect(lines).toHaveLength(1 + Object.keys(json.body.data[0]!).length);
    const total = lines.slice(1).reduce((s, line) => s + Number(line.split(',')[header.indexOf('totalCost')]), 0);
    expect(total).toBeCloseTo(sum(json.body.data[0]!), 4);
  });

  test.each([
    ['window=soon', /^window: /],
    [`${DAY}&aggregate=colour`, /^aggregate: /],
    [`${DAY}&filter=namespace:shop`, /^filter: /],
    [`${DAY}&step=1fortnight`, /^step: /],
  ])('%s → 400 {error:{code, message}} naming the parameter', async (query, message) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error!.code).toBe('INVALID');
    expect(body.error!.message).toMatch(message);
  });

  test('an invoice scales that cluster’s month and shows the adjustment', async () => {
    const request: AllocationRequest = {
      window: { startMs: Date.parse('2026-11-25T00:00:00Z'), endMs: Date.parse('2026-11-26T00:00:00Z') }, aggregate: ['namespace'],
      idle: 'separate', idleScope: 'node', filter: [], shareNamespaces: [], shareLabels: [], shareSplit: 'weighted', overheadUsdPerMonth: 0,
      invoices: [{ cluster: 'replay', month: '2026-11', totalUsd: clusterCostUsd * 1.25 }],
    };
    const [step] = await computeAllocation(db, request);
    expect(step!.allocations.reduce((s, a) => s + totalCost(a), 0)).toBeCloseTo(clusterCostUsd * 1.25, 6);
    const system = step!.allocations.find((a) => a.name === 'kube-system')!;
    expect(system.cpuCostAdjustment).toBeCloseTo(system.cpuCost * 0.25, 9);
  });
});
