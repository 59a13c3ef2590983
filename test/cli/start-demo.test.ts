import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemo, type RunningDemo } from '../../lib/cli/start-demo';
import type { Database } from '../../lib/db/client';
import { BACKENDS } from '../helpers/backends';

// The demo's backfill (here 27 hours, not 30 days) ends by deriving the delivery metrics of
// the whole range: rollout rows and pod startup days exist before the rollup job ever runs.
const NOW = new Date('2026-12-02T03:00:00.000Z'); // from 12-01T00:00: 27 hours

describe.each(BACKENDS.filter((b) => b.name === 'PGlite'))('the demo backfill derives rollouts at its end, on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let demo: RunningDemo | undefined;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    demo = await startDemo(db, { shouldStop: () => false, days: 1, retentionDays: 8, now: () => NOW });
  }, 300_000);
  afterAll(async () => {
    await demo?.close();
    await cleanup?.();
  });

  test('rollout rows of the backfilled range, classified, with finished deployments', async () => {
    const rows = await db.session((s) =>
      s.query<{ kind: string; status: string; n: number }>(`SELECT kind, status, count(*)::int AS n FROM rollout GROUP BY 1, 2 ORDER BY 1, 2`),
    );
    const count = (kind: string, status?: string) => rows.filter((r) => r.kind === kind && (status === undefined || r.status === status)).reduce((n, r) => n + r.n, 0);
    expect(count('deployment', 'succeeded')).toBeGreaterThan(0);
    const [range] = await db.session((s) => s.query<{ derived: Date; latest: Date | null }>(`SELECT max(derived_at) AS derived, max(counted_at) AS latest FROM rollout`));
    expect(new Date(range!.derived).toISOString()).toBe(NOW.toISOString());
    expect(new Date(range!.latest!).getTime()).toBeLessThanOrEqual(NOW.getTime());
  });

  test('pod startup days of the backfilled days', async () => {
    const days = await db.session((s) => s.query<{ day: Date; pods: number }>(`SELECT day_start AS day, sum(pods)::int AS pods FROM pod_startup_day GROUP BY 1 ORDER BY 1`));
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) expect(new Date(d.day).getTime()).toBeLessThan(NOW.getTime());
    expect(days.reduce((n, d) => n + d.pods, 0)).toBeGreaterThan(0);
  });
});
