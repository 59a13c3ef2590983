import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET } from '../../app/api/v1/capacity/node-pools/route';
import { parseNodePoolPageParams } from '../../app/node-pools/params';
import { NodePoolSections } from '../../app/node-pools/sections';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import type { DemoCluster } from '../../lib/demo/server';
import { formatUsd } from '../../lib/format';
import { getPoolUtilizationDaily } from '../../lib/queries/get-pool-utilization-daily';
import { setClock } from '../../lib/util/clock';
import { BACKENDS } from '../helpers/backends';
import { replayDemo } from '../helpers/replay';

const FROM = new Date('2026-11-25T08:00:00.000Z');
const TO = new Date('2026-11-25T11:00:00.000Z');
const DAY = { from: new Date('2026-11-25T00:00:00.000Z'), to: new Date('2026-11-26T00:00:00.000Z') };

describe('the Node pools page’s filters', () => {
  test('defaults: production with right-sized requests (the headline’s plan), all clusters', () => {
    expect(parseNodePoolPageParams({})).toEqual({ cluster: undefined, profile: 'production', requests: 'recommended', notices: [] });
  });
  test('values from the URL; high-availability is ha', () => {
    expect(parseNodePoolPageParams({ cluster: 'prod', profile: 'high-availability', requests: 'current' })).toEqual({ cluster: 'prod', profile: 'ha', requests: 'current', notices: [] });
  });
  test.each([
    [{ profile: 'cheap' }, 'ignored profile: must be development, production or ha'],
    [{ requests: 'fewer' }, 'ignored requests: must be current or recommended'],
  ])('a bad value is dropped with a notice: %j', (search, notice) => {
    const p = parseNodePoolPageParams(search);
    expect(p).toMatchObject({ profile: 'production', requests: 'recommended' });
    expect(p.notices).toEqual([expect.stringContaining(notice)]);
  });
});

describe.each(BACKENDS.filter((b) => b.name === 'PGlite'))('the Node pools page on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    cluster = await replayDemo(db, FROM, TO);
    setDatabase(db);
    setClock(() => TO);
  }, 120_000);
  afterAll(async () => {
    setClock(null);
    await cluster?.close();
    await cleanup?.();
  });

  test('utilisation per pool and day: the hourly rows’ requests and usage over the pool’s node capacity', async () => {
    const days = await getPoolUtilizationDaily(db, DAY);
    expect(days.length).toBeGreaterThanOrEqual(3);
    // The same figures from the hourly rows, each container joined to its node's pool in its hour.
    const expected = await db.session((s) => s.query<{ pool: string; nodes: number; cpu: number; mem: number; cpu_use: number }>(
      `WITH cap AS (SELECT coalesce(node_pool, '(none)') AS pool, sum(running_seconds)::float8 AS s, sum(cpu_cores * running_seconds)::float8 AS cores,
                           sum(memory_bytes::float8 * running_seconds)::float8 AS bytes FROM node_hour GROUP BY 1),
            req AS (SELECT coalesce(n.node_pool, '(none)') AS pool, sum(c.cpu_request_avg_millicores / 1000 * c.running_seconds)::float8 AS cores,
                           sum(c.memory_request_avg_bytes * c.running_seconds)::float8 AS bytes, sum(c.cpu_usage_avg_millicores / 1000 * c.running_seconds)::float8 AS used
                      FROM container_hour c JOIN node_hour n ON n.cluster_id = c.cluster_id AND n.hour_start = c.hour_start AND n.node_name = c.node_name GROUP BY 1)
       SELECT cap.pool, cap.s / 86400 AS nodes, coalesce(req.cores, 0) / cap.cores AS cpu, coalesce(req.bytes, 0) / cap.bytes AS mem, coalesce(req.used, 0) / cap.cores AS cpu_use
         FROM cap LEFT JOIN req USING (pool)`));
    expect(days.map((d) => d.pool).sort()).toEqual(expected.map((e) => e.pool).sort());
    for (const e of expected) {
      const d = days.find((x) => x.pool === e.pool)!;
      expect(d.dayStartMs).toBe(DAY.from.getTime());
      expect(d.nodes).toBeCloseTo(e.nodes, 9);
      expect(d.cpuRequestUtilization).toBeCloseTo(e.cpu, 6);
      expect(d.memoryRequestUtilization).toBeCloseTo(e.mem, 6);
      expect(d.cpuUsageUtilization).toBeCloseTo(e.cpu_use, 6);
    }
    expect(days.some((d) => d.cpuRequestUtilization > 0.05)).toBe(true);
  });

  test.each(['current', 'recommended'] as const)('requests=%s: the headline and every pool row are the API’s figures; a chart per pool', async (requests) => {
    const api = (await (await GET(new Request(`http://localhost/api/v1/capacity/node-pools?profile=production&requests=${requests}`))).json()) as {
      data: { pool: string; monthlyCostUsd: number; plan: { monthlyCostUsd: number; blockers: { message: string }[] } }[];
      cluster: { todayMonthlyCostUsd: number; monthlyCostUsd: number; monthlySavingUsd: number };
    };
    const html = renderToStaticMarkup(await NodePoolSections({ cluster: undefined, profile: 'production', requests, nowMs: TO.getTime() }));
    expect(html).toContain(`data-testid="node-pools-today">${formatUsd(api.cluster.todayMonthlyCostUsd)}<`);
    expect(html).toContain(`data-testid="node-pools-plan">${formatUsd(api.cluster.monthlyCostUsd)}<`);
    if (api.cluster.monthlySavingUsd > 0) expect(html).toContain(`data-testid="node-pools-saving">${formatUsd(api.cluster.monthlySavingUsd)}<`);
    else {
      expect(html).toContain('data-testid="node-pools-no-saving"');
      expect(html).toContain(`costs ${formatUsd(api.cluster.monthlyCostUsd - api.cluster.todayMonthlyCostUsd)} more than today`);
    }
    const table = html.slice(html.indexOf('data-testid="node-pools-plan-table"'));
    const rows = table.split('<tr>').slice(2);
    expect(rows.length).toBe(api.data.length);
    api.data.forEach((p, i) => {
      expect(rows[i]).toContain(`${p.pool}<br/>`);
      expect(rows[i]).toContain(formatUsd(p.monthlyCostUsd));
      expect(rows[i]).toContain(formatUsd(p.plan.monthlyCostUsd));
      for (const b of p.plan.blockers) expect(rows[i]).toContain(b.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;'));
    });
    expect(html.match(/data-testid="pool-utilization-chart"/g)).toHaveLength(api.data.length);
  });
});
