import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rollupNotes } from '../../lib/cli/rollup';
import { DEFAULT_RATES } from '../../lib/cost/rates';
import type { Database } from '../../lib/db/client';
import type { DemoCluster } from '../../lib/demo/server';
import { rollupRangeReport, type RollupResult } from '../../lib/ingest/rollup';
import { getNodePools, UNSAMPLED_POOL } from '../../lib/queries/get-node-pools';
import { BACKENDS } from '../helpers/backends';
import { collectDemo } from '../helpers/collect-demo';

const FROM = new Date('2026-11-25T08:00:00.000Z');
const TO = new Date('2026-11-25T09:00:00.000Z');
const HALF = new Date('2026-11-25T08:30:00.000Z');
const NOW = new Date('2026-11-26T00:00:00.000Z');
const NEW_UID = 'replacement-node-uid';
// Prices by instance type, so the replacement (another type) is priced apart from the node it replaced.
const priceNode = (node: { instanceType: string | null }) => ({ usdPerHour: node.instanceType === 'replacement.large' ? 2 : 1, source: 'price-sheet' });

describe.each(BACKENDS)('nodes are identified by uid, on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  let replaced: { uid: string; name: string };
  let missing: { uid: string; name: string };
  let result: RollupResult;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    cluster = await collectDemo(db, FROM, TO);
    const nodes = await sql<{ uid: string; name: string }>(
      `SELECT n.uid, n.name FROM node n WHERE EXISTS (SELECT 1 FROM container_sample c WHERE c.node_name = n.name AND c.cpu_request_millicores > 0)
          AND n.name = ANY($1::text[])
        ORDER BY n.name LIMIT 2`,
      // Planned nodes, which run the whole hour (not those the autoscaler adds that morning).
      [cluster.org!.nodes.map((n) => n.name)],
    );
    [replaced, missing] = [nodes[0]!, nodes[1]!];
    // From 08:30 the first node is another machine under the same name (deleted and re-registered).
    await sql(
      `INSERT INTO node SELECT cluster_id, $2, name, provider, 'replacement.large', node_pool, capacity_type, region, zone, cpu_capacity_millicores,
         memory_capacity_bytes, gpu_capacity, cpu_allocatable_millicores, memory_allocatable_bytes, gpu_allocatable, labels, created_at, first_seen_at, last_seen_at
         FROM node WHERE uid = $1`,
      [replaced.uid, NEW_UID],
    );
    await sql('UPDATE node_sample SET node_uid = $2 WHERE node_uid = $1 AND sampled_at >= $3', [replaced.uid, NEW_UID, HALF]);
    // The second node has no sample this hour (e.g. listed late): its containers are flagged.
    await sql('DELETE FROM node_sample WHERE node_uid = $1', [missing.uid]);
    result = await rollupRangeReport(db, { from: FROM, to: TO, now: NOW, priceNode });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  function sql<T extends object>(text: string, params: unknown[] = []) {
    return db.session((s) => s.query<T>(text, params));
  }

  test('a node replaced under the same name within the hour is two node-hours, each with its own price and time', async () => {
    const rows = await sql<{ node_uid: string; usd: number; seconds: number; cost: number }>(
      'SELECT node_uid, usd_per_hour::float8 AS usd, running_seconds AS seconds, cost_usd::float8 AS cost FROM node_hour WHERE node_name = $1 ORDER BY usd',
      [replaced.name],
    );
    expect(rows).toEqual([
      { node_uid: replaced.uid, usd: 1, seconds: 1800, cost: 0.5 },
      { node_uid: NEW_UID, usd: 2, seconds: 1800, cost: 1 },
    ]);
    // Its containers are priced at the node they ran on (by uid), and that node's idle is what they left.
    const containers = await sql<{ node_uid: string; core_hours: number; cpu_cost: number; usd_per_core: number }>(
      `SELECT c.node_uid, c.cpu_core_hours AS core_hours, c.cpu_cost_usd::float8 AS cpu_cost, n.usd_per_core_hour::float8 AS usd_per_core
         FROM container_hour c JOIN node_hour n ON n.cluster_id = c.cluster_id AND n.hour_start = c.hour_start AND n.node_uid = c.node_uid
        WHERE c.node_name = $1`,
      [replaced.name],
    );
    expect(containers.length).toBeGreaterThan(0);
    for (const c of containers) expect(c.cpu_cost).toBeCloseTo(c.core_hours * c.usd_per_core, 8);
    const [nodes] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM node_hour WHERE node_name = ANY($1::text[])', [cluster.org!.nodes.map((n) => n.name)]);
    expect(nodes!.n).toBe(18); // 18 planned nodes: one without a sample, one counted twice (the autoscaler's nodes of the morning apart)
  });

  test('containers whose node had no sample are flagged and counted, in the rollup’s output and on the node pools', async () => {
    const flagged = await sql<{ node_uid: string | null; core_hours: number; cpu_cost: number; node_name: string }>(
      'SELECT node_uid, node_name, cpu_core_hours AS core_hours, cpu_cost_usd::float8 AS cpu_cost FROM container_hour WHERE node_unsampled',
    );
    expect(flagged.length).toBeGreaterThan(0);
    expect(new Set(flagged.map((c) => c.node_name))).toEqual(new Set([missing.name]));
    for (const c of flagged) {
      expect(c.node_uid).toBeNull();
      expect(c.cpu_cost).toBeCloseTo(c.core_hours * DEFAULT_RATES.usdPerCoreHour, 8); // the default rates
    }
    const [others] = await sql<{ n: number }>("SELECT count(*)::int AS n FROM container_hour WHERE NOT node_unsampled AND node_uid IS NULL AND controller_kind <> 'PersistentVolumeClaim'");
    expect(others!.n).toBe(0);
    expect(result.unsampledNodeContainerHours).toBe(flagged.length);
    expect(rollupNotes(result)).toContain(`${flagged.length} container-hours ran on nodes with no sample in their hour: priced at the default rates`);

    const pools = await getNodePools(db, { from: FROM, to: TO });
    const line = pools.find((p) => p.nodePool === UNSAMPLED_POOL)!;
    expect(line).toMatchObject({ cluster: 'replay', priceSource: 'default-rates', nodes: 0, nodeHours: 0, unsampledContainerHours: flagged.length });
    const [cost] = await sql<{ usd: number }>('SELECT sum(cpu_cost_usd + ram_cost_usd + gpu_cost_usd)::float8 AS usd FROM container_hour WHERE node_unsampled');
    expect(line.costUsd).toBeCloseTo(cost!.usd, 8);
    expect(pools.filter((p) => p !== line).every((p) => p.unsampledContainerHours === 0)).toBe(true);
  });
});
