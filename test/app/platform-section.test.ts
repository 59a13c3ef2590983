import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PlatformSection } from '../../app/delivery/platform-section';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import { toHistogram } from '../../lib/delivery/histogram';
import { BACKENDS } from '../helpers/backends';

const FROM = new Date('2026-11-18T00:00:00Z');
const TO = new Date('2026-11-25T00:00:00Z');

describe.each(BACKENDS.filter((b) => b.name === 'PGlite'))('PlatformSection on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await db.session(async (s) => {
      const [c] = await s.query<{ id: number }>(`INSERT INTO cluster (name) VALUES ('acme') RETURNING id`);
      await s.query(
        `INSERT INTO pod_startup_day (cluster_id, day_start, namespace, team, pods, startup_buckets, scheduling_buckets, unschedulable_pods, unschedulable_seconds)
         VALUES ($1, '2026-11-20T00:00:00Z', 'shop', 'alpha', 2, $2::int[], $3::int[], 1, 90)`,
        [c!.id, toHistogram([4, 30]), toHistogram([1, 2])],
      );
      await s.query(
        `INSERT INTO node (cluster_id, uid, name, node_pool, capacity_type, cpu_capacity_millicores, memory_capacity_bytes, gpu_capacity,
                           cpu_allocatable_millicores, memory_allocatable_bytes, gpu_allocatable, created_at, ready_at, first_seen_at, last_seen_at)
         VALUES ($1, 'n1', 'n1', 'general', 'on-demand', 4000, 16000000000, 0, 3900, 15000000000, 0, '2026-11-20T10:00:00Z', '2026-11-20T10:01:30Z', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z')`,
        [c!.id],
      );
    });
    setDatabase(db);
  }, 60_000);
  afterAll(async () => cleanup?.());

  test('a row per team with its figures, absent ones as a dash; node pools below', async () => {
    const html = renderToStaticMarkup(await PlatformSection({ from: FROM, to: TO }));
    expect(html).toContain('data-testid="platform-table"');
    const table = html.slice(html.indexOf('data-testid="platform-table"'), html.indexOf('data-testid="platform-node-pools"'));
    expect(table).toContain('<td>alpha</td>');
    expect(table).toMatch(/1\.5 min/); // unschedulable 90 s
    expect(table).toContain('—'); // no new namespaces
    const pools = html.slice(html.indexOf('data-testid="platform-node-pools"'));
    expect(pools).toContain('general');
    expect(pools).toContain('1.5 min'); // created → Ready 90 s
  });

  test('an empty window says so', async () => {
    const html = renderToStaticMarkup(await PlatformSection({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') }));
    expect(html).toContain('No pods or new namespaces recorded in this window.');
    expect(html).toContain('No nodes created in this window.');
  });
});
