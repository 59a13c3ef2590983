import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FilterClause } from '../../lib/allocation/filter';
import type { Database } from '../../lib/db/client';
import { leadTimeDistribution } from '../../lib/delivery/lead-time-buckets';
import { getDelivery } from '../../lib/queries/get-delivery';
import { getDeliveryWeekly } from '../../lib/queries/get-delivery-weekly';
import { getDeploymentMarkers } from '../../lib/queries/get-deployment-markers';
import { getLeadTimeDistribution } from '../../lib/queries/get-lead-time-distribution';
import { BACKENDS } from '../helpers/backends';

const D = 86_400;
// Wednesday 18 November to Tuesday 1 December: a partial week, a whole one, a partial one.
const FROM = new Date('2026-11-18T00:00:00.000Z');
const TO = new Date('2026-12-01T00:00:00.000Z');
const DERIVED = new Date('2026-12-03T12:00:00.000Z');

interface Seed {
  uid: string; revision: number; name: string; team: string; kind: string; status: string; counted: string | null;
  lead?: number | null; recovery?: number | null; rework?: boolean; images?: string[]; before?: number; after?: number;
}

const ROLLOUTS: Seed[] = [
  { uid: 'a1', revision: 1, name: 'web', team: 'alpha', kind: 'deployment', status: 'succeeded', counted: '2026-11-17T23:59:59.999Z', lead: 60 }, // before the window
  { uid: 'a1', revision: 2, name: 'web', team: 'alpha', kind: 'deployment', status: 'succeeded', counted: '2026-11-20T10:00:00Z', lead: 3600, images: ['web:2'], before: 2, after: 2.6 },
  { uid: 'a1', revision: 3, name: 'web', team: 'alpha', kind: 'deployment', status: 'failed', counted: '2026-11-22T10:30:00Z', recovery: 1800, images: ['web:3'] },
  { uid: 'a1', revision: 4, name: 'web', team: 'alpha', kind: 'deployment', status: 'succeeded', counted: '2026-11-23T00:00:00Z', lead: 7200, rework: true }, // Monday's first instant: week 2
  { uid: 'a1', revision: 5, name: 'web', team: 'alpha', kind: 'config', status: 'succeeded', counted: '2026-11-25T09:00:00Z' },
  { uid: 'a1', revision: 6, name: 'web', team: 'alpha', kind: 'deployment', status: 'succeeded', counted: '2026-11-24T09:00:00Z', lead: -30 }, // clock skew
  { uid: 'a2', revision: 1, name: 'api', team: 'alpha', kind: 'deployment', status: 'failed', counted: '2026-11-24T12:00:00Z', recovery: 600 },
  { uid: 'a2', revision: 2, name: 'api', team: 'alpha', kind: 'rollback', status: 'succeeded', counted: '2026-11-24T12:10:00Z' },
  { uid: 'a1', revision: 7, name: 'web', team: 'alpha', kind: 'deployment', status: 'succeeded', counted: '2026-11-30T05:00:00Z', lead: 90_000 },
  { uid: 'b1', revision: 1, name: 'ledger', team: 'beta', kind: 'deployment', status: 'succeeded', counted: '2026-11-26T08:00:00Z', lead: 3 * D },
  { uid: 'b1', revision: 2, name: 'ledger', team: 'beta', kind: 'deployment', status: 'succeeded', counted: '2026-11-27T08:00:00Z', lead: 40 * D },
  { uid: 'b1', revision: 3, name: 'ledger', team: 'beta', kind: 'deployment', status: 'succeeded', counted: '2026-11-27T09:00:00Z', lead: null }, // no commit time
  { uid: 'b1', revision: 4, name: 'ledger', team: 'beta', kind: 'deployment', status: 'progressing', counted: null },
  { uid: 'b1', revision: 5, name: 'ledger', team: 'beta', kind: 'deployment', status: 'succeeded', counted: '2026-12-01T00:00:00Z', lead: 5 }, // the window's end: out
];

async function seed(db: Database): Promise<void> {
  await db.session(async (s) => {
    const [cluster] = await s.query<{ id: number }>(`INSERT INTO cluster (name) VALUES ('acme') RETURNING id`);
    for (const r of ROLLOUTS) {
      const finished = r.status === 'succeeded' ? r.counted : null;
      const failed = r.status === 'failed' ? r.counted : null;
      await s.query(
        `INSERT INTO rollout (cluster_id, workload_uid, revision, namespace, controller_kind, controller_name, team, kind, status,
                              started_at, finished_at, failed_at, counted_at, lead_time_seconds, recovery_seconds, rework, images,
                              cost_per_hour_before_usd, cost_per_hour_after_usd, derived_at)
         VALUES ($1, $2, $3, $4, 'deployment', $5, $6, $7, $8, $9::timestamptz - interval '5 minutes', $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19)`,
        [cluster!.id, r.uid, r.revision, r.team === 'alpha' ? 'shop' : 'pay', r.name, r.team, r.kind, r.status, r.counted ?? DERIVED.toISOString(),
          finished, failed, r.counted, r.lead ?? null, r.recovery ?? null, r.rework ?? false, JSON.stringify(r.images ?? []), r.before ?? null, r.after ?? null, DERIVED],
      );
    }
  });
}

const team = (name: string): FilterClause[] => [{ field: 'team', negated: false, values: [name] }];

describe.each(BACKENDS)('the Delivery page’s queries on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await seed(db);
  }, 60_000);
  afterAll(async () => cleanup?.());

  test('weekly: every UTC week of the window, each with getDelivery’s figures over its part of the window', async () => {
    for (const filter of [[], team('alpha'), team('beta')]) {
      const weeks = await getDeliveryWeekly(db, { from: FROM, to: TO, filter });
      expect(weeks.map((w) => [w.weekStart, w.from, w.to])).toEqual([
        ['2026-11-16', '2026-11-18T00:00:00.000Z', '2026-11-23T00:00:00.000Z'],
        ['2026-11-23', '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
        ['2026-11-30', '2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
      ]);
      for (const w of weeks) {
        const rows = await getDelivery(db, { from: new Date(w.from), to: new Date(w.to), aggregate: 'cluster', filter, doraYear: 2024 });
        const r = rows[0];
        expect(w, `${JSON.stringify(filter)} ${w.weekStart}`).toEqual({
          weekStart: w.weekStart, from: w.from, to: w.to,
          deployments: r?.deployments ?? 0, deploymentsPerDay: r?.deploymentsPerDay ?? 0, failedDeployments: r?.failedDeployments ?? 0,
          changeFailureRate: r?.changeFailureRate ?? null, reworkRate: r?.reworkRate ?? null, leadTimeSecondsMedian: r?.leadTimeSecondsMedian ?? null,
          leadTimeSamples: r?.leadTimeSamples ?? 0, recoverySecondsMedian: r?.recoverySecondsMedian ?? null,
        });
      }
    }
  });

  test('weekly, by hand: alpha’s weeks', async () => {
    const weeks = await getDeliveryWeekly(db, { from: FROM, to: TO, filter: team('alpha') });
    expect(weeks.map((w) => [w.deployments, w.failedDeployments, w.changeFailureRate, w.leadTimeSecondsMedian, w.deploymentsPerDay])).toEqual([
      [2, 1, 0.5, 3600, 2 / 5], // Wed–Sun: revisions 2 (succeeded) and 3 (failed)
      [3, 1, 1 / 3, (7200 + -30) / 2, 3 / 7], // revisions 4 and 6, api's failed 1; the config change and the rollback are not deployments
      [1, 0, 0, 90_000, 1],
    ]);
    expect(weeks[1]!.reworkRate).toBe(1 / 3);
  });

  test('lead-time distribution: the succeeded deployments with a lead time, bucketed as leadTimeDistribution does', async () => {
    const bars = await getLeadTimeDistribution(db, { from: FROM, to: TO });
    const expected = leadTimeDistribution([3600, 7200, -30, 90_000, 3 * D, 40 * D]);
    expect(bars.map((b) => b.deployments)).toEqual(expected);
    expect(expected).toEqual([1, 2, 2, 0, 1]); // −30 s (skew) in the first; 25 h in 1 d – 1 w
    expect(bars.map((b) => b.label)).toEqual(['< 1 h', '1 h – 1 d', '1 d – 1 w', '1 w – 1 mo', '> 1 mo']);
    const [all] = await getDelivery(db, { from: FROM, to: TO, aggregate: 'cluster', doraYear: 2024 });
    expect(bars.reduce((s, b) => s + b.deployments, 0)).toBe(all!.leadTimeSamples);
    expect((await getLeadTimeDistribution(db, { from: FROM, to: TO, filter: team('beta') })).map((b) => b.deployments)).toEqual([0, 0, 1, 0, 1]);
    expect((await getLeadTimeDistribution(db, { from: FROM, to: TO, filter: team('nobody') })).map((b) => b.deployments)).toEqual([0, 0, 0, 0, 0]);
  });

  test('deployment markers: the deployments counted in the window, on the UTC day they count, oldest first', async () => {
    const markers = await getDeploymentMarkers(db, { from: FROM, to: TO, filter: team('alpha') });
    expect(markers.map((m) => [m.day, m.controllerName, m.revision, m.status])).toEqual([
      ['2026-11-20', 'web', 2, 'succeeded'], ['2026-11-22', 'web', 3, 'failed'], ['2026-11-23', 'web', 4, 'succeeded'],
      ['2026-11-24', 'web', 6, 'succeeded'], ['2026-11-24', 'api', 1, 'failed'], ['2026-11-30', 'web', 7, 'succeeded'],
    ]);
    expect(markers[0]).toEqual({
      day: '2026-11-20', countedAt: '2026-11-20T10:00:00.000Z', cluster: 'acme', namespace: 'shop', controllerKind: 'deployment',
      controllerName: 'web', revision: 2, status: 'succeeded', failureReason: null, images: ['web:2'], costPerHourBeforeUsd: 2, costPerHourAfterUsd: 2.6,
    });
    const [all] = await getDelivery(db, { from: FROM, to: TO, aggregate: 'cluster', doraYear: 2024 });
    expect((await getDeploymentMarkers(db, { from: FROM, to: TO })).length).toBe(all!.deployments);
  });
});
