import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { getTopWorkloads } from '../../lib/queries/get-top-workloads';
import { BACKENDS } from '../helpers/backends';
import { insertClusters, insertHours, type ContainerHourFixture } from './fixtures';

const D1 = '2026-11-01T00:00:00.000Z';
const D1_01H = '2026-11-01T01:00:00.000Z';
const D2 = '2026-11-02T00:00:00.000Z';
const round = (x: number) => Math.round(x * 1e9) / 1e9;
const D2_12H = '2026-11-02T12:00:00.000Z';

const plain = { cpuRequest: 100, cpuUsage: 100, memoryRequest: 100, memoryUsage: 100, ramUsd: '0' };
// Twelve workloads in `batch` costing 0.01 … 0.12, so only the ten dearest make the list.
const BATCH: ContainerHourFixture[] = Array.from({ length: 12 }, (_, i) => ({
  ...plain, cluster: 1, hour: D1, uid: `batch-${i}`, namespace: 'batch', kind: 'Job', controller: `job-${String(i).padStart(2, '0')}`,
  team: 'data', cpuUsd: ((i + 1) / 100).toFixed(2),
}));
const ROWS: ContainerHourFixture[] = [
  ...BATCH,
  // api: 1 h at 250m of 1000m, then 30 min at 1000m of 1000m → CPU (250·3600 + 1000·1800) / (1000·5400) = 0.5;
  // memory (500·3600 + 2000·1800) / (1000·3600 + 2000·1800) = 0.75; cost-weighted (0.5·0.3 + 0.75·0.1) / 0.4 = 0.5625.
  { cluster: 1, hour: D1, uid: 'api-1', namespace: 'shop', controller: 'api', team: 'checkout', cpuUsd: '0.2', ramUsd: '0.05',
    cpuRequest: 1000, cpuUsage: 250, memoryRequest: 1000, memoryUsage: 500 },
  { cluster: 1, hour: D1_01H, uid: 'api-2', namespace: 'shop', controller: 'api', team: 'checkout', cpuUsd: '0.1', ramUsd: '0.05',
    runningSeconds: 1800, cpuRequest: 1000, cpuUsage: 1000, memoryRequest: 2000, memoryUsage: 2000 },
  // One workload whose pods carry two teams: listed once, under the team with most of its cost.
  { ...plain, cluster: 1, hour: D1, uid: 'web-1', namespace: 'web', controller: 'front', team: 'platform-web', cpuUsd: '0.3' },
  { ...plain, cluster: 1, hour: D1, uid: 'web-2', namespace: 'web', controller: 'front', team: 'unassigned', cpuUsd: '0.1' },
  // No requests at all: efficiency unknown, not zero, not infinite.
  { cluster: 1, hour: D1, uid: 'dns', namespace: 'kube-system', controller: 'coredns', team: 'unassigned', cpuUsd: '0.35', ramUsd: '0',
    cpuRequest: null, cpuUsage: 10, memoryRequest: null, memoryUsage: 10 },
  // The same names in another cluster are another workload; and an edge hour on the next day.
  { ...plain, cluster: 2, hour: D1, uid: 'api-dev', namespace: 'shop', controller: 'api', team: 'checkout', cpuUsd: '0.9' },
  { ...plain, cluster: 1, hour: D2, uid: 'api-3', namespace: 'shop', controller: 'api', team: 'checkout', cpuUsd: '1', ramUsd: '0' },
];

describe.each(BACKENDS)('top workloads on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await db.session(async (s) => {
      await insertClusters(s, [{ id: 1, name: 'prod' }, { id: 2, name: 'dev' }]);
      await insertHours(s, ROWS, []);
    });
  });
  afterAll(async () => cleanup?.());

  const prodDay1 = { cluster: 'prod', from: new Date(D1), to: new Date(D2) };
  const NONE = { shareNamespaces: [], shareLabels: [], shareSplit: 'weighted' as const, overheadUsdPerMonth: 0, invoices: [] };
  const top = (filters: typeof prodDay1 | { from: Date; to: Date }, limit?: number) =>
    getTopWorkloads(db, filters, { idle: 'separate', defaults: NONE, limit }).then((ws) => ws.map((w) => ({ ...w, costUsd: round(w.costUsd) })));

  test('the ten dearest, largest first (ties by cluster, namespace, kind, name), with cluster, namespace and kind', async () => {
    const list = await top(prodDay1);
    expect(list.map((w) => [w.controllerName, w.costUsd])).toEqual([
      ['api', 0.4], ['front', 0.4], ['coredns', 0.35], ['job-11', 0.12], ['job-10', 0.11], ['job-09', 0.1],
      ['job-08', 0.09], ['job-07', 0.08], ['job-06', 0.07], ['job-05', 0.06],
    ]);
    expect(list[0]).toMatchObject({ cluster: 'prod', namespace: 'shop', controllerKind: 'Deployment', controllerName: 'api' });
    expect(list[3]).toMatchObject({ namespace: 'batch', controllerKind: 'Job', team: 'data' });
  });

  test('efficiency: usage / request weighted by running time, total weighted by cost', async () => {
    const api = (await top(prodDay1)).find((w) => w.controllerName === 'api')!;
    expect(api.team).toBe('checkout');
    expect(api.cpuEfficiency).toBeCloseTo(0.5, 12);
    expect(api.memoryEfficiency).toBeCloseTo(0.75, 12);
    expect(api.totalEfficiency).toBeCloseTo(0.5625, 12);
  });

  test('unknown efficiency without requests; a workload split across teams goes to its main team', async () => {
    const list = await top(prodDay1);
    expect(list.find((w) => w.controllerName === 'coredns')).toMatchObject({ cpuEfficiency: null, memoryEfficiency: null, totalEfficiency: null });
    expect(list.filter((w) => w.controllerName === 'front')).toEqual([expect.objectContaining({ team: 'platform-web', costUsd: 0.4 })]);
  });

  test('other clusters apart, all clusters together, and edge hours counted exactly', async () => {
    const all = await top({ from: new Date(D1), to: new Date(D2) }, 3);
    expect(all.map((w) => `${w.cluster}/${w.controllerName}`)).toEqual(['dev/api', 'prod/api', 'prod/front']);
    const withEdge = await top({ cluster: 'prod', from: new Date(D1), to: new Date(D2_12H) }, 1);
    expect(withEdge).toEqual([expect.objectContaining({ controllerName: 'api', costUsd: 1.4 })]);
    const edgeOnly = await top({ cluster: 'prod', from: new Date(D1_01H), to: new Date(D2) });
    expect(edgeOnly).toEqual([expect.objectContaining({ controllerName: 'api', costUsd: 0.15, cpuEfficiency: 1, memoryEfficiency: 1 })]);
  });
});
