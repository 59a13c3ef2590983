import { describe, expect, test } from 'vitest';
import { GET as allocationRoute } from '../../app/api/v1/allocation/route';
import { GET as deliveryRoute } from '../../app/api/v1/delivery/route';
import { GET as exportRoute } from '../../app/api/v1/export/route';
import { writeExport } from '../../lib/cli/export';
import { FOCUS_COLUMNS } from '../../lib/cost/focus';
import { renderToStaticMarkup } from 'react-dom/server';
import { GET as reportRoute } from '../../app/api/v1/reports/monthly/route';
import { MonthlyReportSections } from '../../app/reports/monthly/sections';
import { BudgetUseSection } from '../../app/_components/budget-use';
import { DEFAULT_CONFIG, type TallyConfig } from '../../lib/config';
import type { Database } from '../../lib/db/client';
import { formatUsd } from '../../lib/format';
import { BACKENDS } from '../helpers/backends';
import { csvRecords } from '../helpers/csv';
import { replayedMonths } from '../helpers/replayed-months';

// Three business hours early in October and in November (teams deploy then): November is the running month, October the one before it.
const OCTOBER = { from: new Date('2026-10-01T09:00:00.000Z'), to: new Date('2026-10-01T12:00:00.000Z') };
const NOVEMBER = { from: new Date('2026-11-02T09:00:00.000Z'), to: new Date('2026-11-02T12:00:00.000Z') };
const NOW = NOVEMBER.to;

interface TeamOut {
  team: string; costUsd: number; sharedCostUsd: number; idleShareUsd: number; totalCostUsd: number; previousMonthCostUsd: number;
  changeUsd: number; changeRatio: number | null; budgetUsd: number | null; budgetUsedRatio: number | null; forecastUsd: number;
  forecastLowUsd: number; forecastHighUsd: number; status: string; reconciledCostUsd: number; adjustmentUsd: number;
  deployments: number | null; costPerDeploymentUsd: number | null; drivers: { kind: string; name: string; changeUsd: number }[]; dailyCostUsd: number[];
}
interface ReportOut {
  month: string; currency: string; exchangeRate: { from: string; to: string; rate: number; source: string }; closed: boolean; complete: boolean; teams: TeamOut[];
  totals: Record<string, number | null>;
}

async function json<T>(route: (r: Request) => Promise<Response>, url: string): Promise<{ status: number; body: T }> {
  const response = await route(new Request(`http://localhost${url}`));
  return { status: response.status, body: (await response.json()) as T };
}
const report = (query = '') => json<{ code: number; data: ReportOut; error?: { code: string; message: string } }>(reportRoute, `/api/v1/reports/monthly${query}`);
type Allocations = { data: Record<string, { totalCost: number; properties: Record<string, string> }>[] };
const allocation = (query: string) => json<Allocations>(allocationRoute, `/api/v1/allocation?${query}`);
const total = (body: Allocations) => Object.values(body.data[0]!).reduce((s, e) => s + e.totalCost, 0);
const WINDOW = {
  november: 'window=2026-11-01T00:00:00Z,2026-11-02T12:00:00Z',
  october: 'window=2026-10-01T00:00:00Z,2026-11-01T00:00:00Z',
  // The same span of October as November so far: its first day and a half.
  octoberSpan: 'window=2026-10-01T00:00:00Z,2026-10-02T12:00:00Z',
};

let config: TallyConfig = DEFAULT_CONFIG;

/** Rollouts as the delivery ingest stores them: checkout deploys 3 times in November (plus a config change), search once, and once in October. */
async function seedRollouts(db: Database): Promise<void> {
  const rows: [string, string, string, string][] = [
    ['checkout', 'deployment', '2026-11-02T09:10:00Z', 'r1'], ['checkout', 'deployment', '2026-11-02T10:10:00Z', 'r2'],
    ['checkout', 'deployment', '2026-11-02T11:10:00Z', 'r3'], ['checkout', 'config', '2026-11-02T11:20:00Z', 'r4'],
    ['search', 'deployment', '2026-11-01T15:00:00Z', 'r5'], ['search', 'deployment', '2026-10-01T10:00:00Z', 'r6'],
  ];
  await db.session(async (s) => {
    const [cluster] = await s.query<{ id: number }>(`SELECT id FROM cluster WHERE name = 'replay'`);
    for (const [i, [team, kind, finished, uid]] of rows.entries()) {
      await s.query(
        `INSERT INTO rollout (cluster_id, workload_uid, revision, namespace, controller_kind, controller_name, team, kind, status,
                              started_at, finished_at, counted_at, commit_time, rework, images, derived_at)
         VALUES ($1, $2, $3, $4, 'Deployment', 'api', $4, $5, 'succeeded', $6::timestamptz - interval '5 minutes', $6, $6, $6, false, '[]'::jsonb, $7)`,
        [cluster!.id, uid, i + 1, team, kind, finished, NOW],
      );
    }
  });
}

describe.each(BACKENDS)('monthly report on $name', (backend) => {
  const database = replayedMonths(backend, [OCTOBER, NOVEMBER], { now: NOW, config: () => config, setup: seedRollouts });

  test('the current month by default: its total is every line of the allocation API for the month so far (teams, shared, idle, unmounted)', async () => {
    const { status, body } = await report();
    expect(status).toBe(200);
    expect(body.data.month).toBe('2026-11');
    expect(body.data).toMatchObject({ currency: 'USD', closed: false, complete: false });
    const api = total((await allocation(`${WINDOW.november}&aggregate=team&includeIdle=true`)).body);
    expect(api).toBeGreaterThan(1);
    expect(body.data.totals.totalCostUsd).toBeCloseTo(api, 2);
    // The rows add up to the total to the cent: teams, the idle line, shared cost no team took, unmounted volumes.
    const t = body.data.totals;
    const cents = Math.round(body.data.teams.reduce((s, x) => s + x.totalCostUsd, 0) * 100) + Math.round((t.idleLineUsd! + t.unsharedUsd! + t.unmountedCostUsd!) * 100);
    expect(cents).toBe(Math.round(t.totalCostUsd! * 100));
    expect(t.idleLineUsd).toBeGreaterThan(0);
    for (const x of body.data.teams) expect(Math.round((x.costUsd + x.sharedCostUsd) * 100)).toBe(Math.round(x.totalCostUsd * 100));
  });

  test('per team: the allocation API’s figures, last month’s whole cost, and the change against the same span of last month', async () => {
    const { body } = await report('?month=2026-11');
    const now = (await allocation(`${WINDOW.november}&aggregate=team`)).body.data[0]!;
    const october = (await allocation(`${WINDOW.october}&aggregate=team`)).body.data[0]!;
    const span = (await allocation(`${WINDOW.octoberSpan}&aggregate=team`)).body.data[0]!;
    const named = body.data.teams.filter((t) => t.team !== '__unallocated__');
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const [i, t] of body.data.teams.entries()) {
      expect(Math.abs(t.totalCostUsd - (now[t.team]?.totalCost ?? 0))).toBeLessThanOrEqual(i === 0 ? 0.005 * (body.data.teams.length + 3) : 0.005 + 1e-9);
      expect(t.previousMonthCostUsd).toBeCloseTo(october[t.team]?.totalCost ?? 0, 2);
      expect(t.changeUsd).toBeCloseTo((now[t.team]?.totalCost ?? 0) - (span[t.team]?.totalCost ?? 0), 2);
      expect(t.reconciledCostUsd).toBe(t.totalCostUsd);
      expect(t.adjustmentUsd).toBe(0);
    }
    expect(body.data.teams.map((t) => t.totalCostUsd)).toEqual([...body.data.teams.map((t) => t.totalCostUsd)].sort((a, b) => b - a));
  });

  test('drivers: the namespaces and workloads whose cost moved most, as the allocation API shows them for the two spans', async () => {
    const { body } = await report('?month=2026-11');
    const now = (await allocation(`${WINDOW.november}&aggregate=team,namespace`)).body.data[0]!;
    const before = (await allocation(`${WINDOW.octoberSpan}&aggregate=team,namespace`)).body.data[0]!;
    let checked = 0;
    for (const t of body.data.teams.filter((x) => x.team !== '__unallocated__')) {
      const changes = new Map<string, number>();
      for (const [side, sign] of [[now, 1], [before, -1]] as const) {
        for (const e of Object.values(side)) if (e.properties.team === t.team) changes.set(e.properties.namespace!, (changes.get(e.properties.namespace!) ?? 0) + sign * e.totalCost);
      }
      const expected = [...changes].filter(([, c]) => Math.abs(c) >= 0.005).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 3);
      const namespaces = t.drivers.filter((d) => d.kind === 'namespace');
      expect(namespaces.map((d) => d.name)).toEqual(expected.map(([n]) => n));
      namespaces.forEach((d, i) => expect(d.changeUsd).toBeCloseTo(expected[i]![1], 2));
      const workloads = t.drivers.filter((d) => d.kind === 'workload');
      if (namespaces.length > 0) expect(workloads.length).toBeGreaterThan(0);
      for (const w of workloads) expect(changes.has(w.name.split('/')[0]!)).toBe(true);
      checked += namespaces.length;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  test('idle shared over the teams: the same total, the idle now inside the teams’ figures', async () => {
    const separate = (await report('?month=2026-11')).body.data;
    const shared = (await report('?month=2026-11&idle=shared')).body.data;
    expect(shared.totals.totalCostUsd).toBeCloseTo(separate.totals.totalCostUsd!, 1);
    expect(shared.totals.idleCostUsd).toBeCloseTo(separate.totals.idleCostUsd!, 1);
    expect(separate.teams.every((t) => t.idleShareUsd === 0)).toBe(true);
    const sharedIdle = shared.teams.reduce((s, t) => s + t.idleShareUsd, 0);
    expect(sharedIdle).toBeGreaterThan(0.5 * separate.totals.idleCostUsd!);
    const api = (await allocation(`${WINDOW.november}&aggregate=team&shareIdle=true`)).body.data[0]!;
    // Within a cent, but the largest row, which carries the rounding remainder (half a cent per row at most).
    shared.teams.forEach((t, i) => expect(Math.abs(t.totalCostUsd - (api[t.team]?.totalCost ?? 0))).toBeLessThanOrEqual(i === 0 ? 0.005 * (shared.teams.length + 3) : 0.005 + 1e-9));
  });

  test('a month that is over: complete, forecast = actual, compared with the whole month before', async () => {
    const { body } = await report('?month=2026-10');
    expect(body.data.complete).toBe(true);
    const api = total((await allocation(`${WINDOW.october}&aggregate=team&includeIdle=true`)).body);
    expect(body.data.totals.totalCostUsd).toBeCloseTo(api, 2);
    expect(body.data.totals.forecastUsd).toBe(body.data.totals.totalCostUsd);
    for (const t of body.data.teams) {
      expect(t.forecastUsd).toBe(t.totalCostUsd);
      expect(t.previousMonthCostUsd).toBe(0); // nothing in September
      expect(t.changeRatio).toBeNull();
    }
  });

  test('the running month’s forecast: at least what is spent, inside its band', async () => {
    const { body } = await report('?month=2026-11');
    for (const row of [...body.data.teams, body.data.totals as unknown as TeamOut]) {
      expect(row.forecastUsd).toBeGreaterThanOrEqual((row.totalCostUsd ?? 0) - 0.01);
      expect(row.forecastLowUsd).toBeLessThanOrEqual(row.forecastUsd);
      expect(row.forecastHighUsd).toBeGreaterThanOrEqual(row.forecastUsd);
    }
  });

  test('budgets from tally.yaml: a team’s month budget, its use and status; no budget says so', async () => {
    const { body: before } = await report('?month=2026-11');
    const [first, second] = before.data.teams.filter((t) => t.team !== '__unallocated__');
    config = { ...DEFAULT_CONFIG, budgets: { [first!.team]: { '2026-11': 1_000_000 }, [second!.team]: { '2026-11': second!.totalCostUsd / 2 } } };
    try {
      const { body } = await report('?month=2026-11');
      const a = body.data.teams.find((t) => t.team === first!.team)!;
      const b = body.data.teams.find((t) => t.team === second!.team)!;
      expect(a).toMatchObject({ budgetUsd: 1_000_000, status: 'under' });
      expect(a.budgetUsedRatio).toBeCloseTo(a.totalCostUsd / 1_000_000, 7);
      expect(b.status).toBe('over');
      expect(b.budgetUsedRatio).toBeCloseTo(2, 1);
      expect(body.data.teams.filter((t) => t.team !== a.team && t.team !== b.team).every((t) => t.status === 'no-budget' && t.budgetUsd === null)).toBe(true);
      expect(body.data.totals.budgetUsd).toBeCloseTo(1_000_000 + second!.totalCostUsd / 2, 2);
      // The overview's and the team page's budget use: the same figures, this month.
      const overview = renderToStaticMarkup(await BudgetUseSection({}));
      const rows = overview.slice(overview.indexOf('data-testid="budget-use"')).split('<tr>').slice(2);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain(formatUsd(a.totalCostUsd));
      expect(rows[0]).toContain('$1,000,000.00');
      expect(rows[0]).toContain('data-status="under"');
      expect(rows[1]).toContain('data-status="over"');
      expect(rows[1]).toContain(`${(b.budgetUsedRatio! * 100).toFixed(1)}%`);
      const own = renderToStaticMarkup(await BudgetUseSection({ team: second!.team }));
      expect(own.split('<tr>').slice(2)).toHaveLength(1);
      expect(own).toContain('over budget');
      expect(renderToStaticMarkup(await BudgetUseSection({ team: 'nobody' }))).toContain('No budget for team nobody in 2026-11');
    } finally {
      config = DEFAULT_CONFIG;
    }
  });

  test('another currency: the month converts at its own rate (else the default), says which, and still adds up to the cent; FOCUS bills in it', async () => {
    const { body: usd } = await report('?month=2026-11');
    const team = usd.data.teams[0]!;
    config = { ...DEFAULT_CONFIG, budgets: { [team.team]: { default: 1000 } }, pricing: { ...DEFAULT_CONFIG.pricing, currency: 'EUR', exchangeRates: { '2026-11': 0.5, default: 0.8 } } };
    try {
      const { body } = await report('?month=2026-11');
      expect(body.data).toMatchObject({ currency: 'EUR', exchangeRate: { from: 'USD', to: 'EUR', rate: 0.5, source: '2026-11' } });
      // Converted before rounding: within the cents either rounding moves (the largest row also takes the remainder).
      expect(Math.abs(body.data.totals.totalCostUsd! - usd.data.totals.totalCostUsd! * 0.5)).toBeLessThan(0.01);
      const eur = body.data.teams.find((t) => t.team === team.team)!;
      expect(Math.abs(eur.totalCostUsd - team.totalCostUsd * 0.5)).toBeLessThanOrEqual(0.005 * (body.data.teams.length + 4));
      expect(eur.budgetUsd).toBe(500); // budgets are USD, shown converted
      const t = body.data.totals;
      const cents = Math.round(body.data.teams.reduce((s, x) => s + x.totalCostUsd, 0) * 100) + Math.round((t.idleLineUsd! + t.unsharedUsd! + t.unmountedCostUsd!) * 100);
      expect(cents).toBe(Math.round(t.totalCostUsd! * 100));
      expect((await report('?month=2026-10')).body.data).toMatchObject({ exchangeRate: { rate: 0.8, source: 'default' } });
      const rows = csvRecords(await (await exportRoute(new Request('http://localhost/api/v1/export?month=2026-11&format=focus'))).text());
      expect(new Set(rows.map((r) => r.BillingCurrency))).toEqual(new Set(['EUR']));
      expect(Math.abs(rows.reduce((s, r) => s + Number(r.EffectiveCost), 0) - t.totalCostUsd!)).toBeLessThan(0.006);
      const html = renderToStaticMarkup(await MonthlyReportSections({ month: '2026-11', cluster: undefined, idle: 'separate', nowMs: NOW.getTime() }));
      expect(html).toContain('€');
      expect(html).toContain('1 USD = 0.5 EUR (rate for 2026-11)');
    } finally {
      config = DEFAULT_CONFIG;
    }
  });

  test('cost per deployment: the month’s cost over the deployments the delivery API counts', async () => {
    const { body } = await report('?month=2026-11');
    const delivery = await json<{ data: { name: string; deployments: number }[] }>(deliveryRoute, `/api/v1/delivery?${WINDOW.november}&aggregate=team`);
    expect(body.data.teams.find((t) => t.team === 'checkout')!.deployments).toBe(3);
    expect(body.data.teams.find((t) => t.team === 'search')!.deployments).toBe(1);
    for (const t of body.data.teams) {
      const d = delivery.body.data.find((x) => x.name === t.team)?.deployments ?? 0;
      expect(t.deployments).toBe(d);
      if (d > 0) expect(t.costPerDeploymentUsd).toBeCloseTo(t.totalCostUsd / d, 2);
      else expect(t.costPerDeploymentUsd).toBeNull();
    }
  });

  test('the page shows the API’s figures: the headline total and forecast, and each team’s row', async () => {
    const { body } = await report('?month=2026-11');
    const html = renderToStaticMarkup(await MonthlyReportSections({ month: '2026-11', cluster: undefined, idle: 'separate', nowMs: NOW.getTime() }));
    expect(html).toContain(`data-testid="report-total">${formatUsd(body.data.totals.totalCostUsd!)}<`);
    expect(html).toContain(`data-testid="report-forecast">${formatUsd(body.data.totals.forecastUsd!)}<`);
    const rows = html.slice(html.indexOf('data-testid="report-teams"'), html.indexOf('data-testid="team-statements"')).split('<tr>').slice(2);
    expect(rows).toHaveLength(body.data.teams.length);
    // The print-only statements: one per team, with its total.
    const statements = html.slice(html.indexOf('data-testid="team-statements"')).split('class="team-statement"').slice(1);
    expect(statements).toHaveLength(body.data.teams.length);
    body.data.teams.forEach((t, i) => expect(statements[i]).toContain(`<strong>${formatUsd(t.totalCostUsd)}</strong>`));
    body.data.teams.forEach((t, i) => {
      expect(rows[i]).toContain(t.team === '__unallocated__' ? 'href="/unallocated?from=2026-11-01&amp;to=2026-11-02"' : `href="/teams/${encodeURIComponent(t.team)}?from=2026-11-01&amp;to=2026-11-02"`);
      expect(rows[i]).toContain(formatUsd(t.totalCostUsd));
      expect(rows[i]).toContain(`data-status="${t.status}"`);
      expect(rows[i]).toContain(`data-days="${t.dailyCostUsd.length}"`); // the sparkline: one point per day so far
      for (const d of t.drivers) expect(rows[i]).toContain(`${d.kind} ${d.name}`);
    });
    expect(rows.find((r) => r.includes('/teams/checkout'))).toContain(`× 3`);
  });

  test('csv: one row per team with the same figures', async () => {
    const { body } = await report('?month=2026-11');
    const response = await reportRoute(new Request('http://localhost/api/v1/reports/monthly?month=2026-11&format=csv'));
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 6)).toEqual(['month', 'team', 'costUsd', 'sharedCostUsd', 'idleShareUsd', 'totalCostUsd']);
    expect(lines).toHaveLength(body.data.teams.length + 1);
    const first = body.data.teams[0]!;
    expect(lines[1]!.startsWith(`2026-11,${first.team},${first.costUsd},`)).toBe(true);
  });

  test('FOCUS export: every column, mandatory ones filled, a row per workload and day; Σ EffectiveCost = the report’s total', async () => {
    const { body } = await report('?month=2026-11');
    const response = await exportRoute(new Request('http://localhost/api/v1/export?month=2026-11&format=focus'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('tally-2026-11-focus.csv');
    const text = await response.text();
    expect(text.split('\r\n')[0]).toBe(FOCUS_COLUMNS.map((c) => c.name).join(','));
    const rows = csvRecords(text);
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      for (const c of FOCUS_COLUMNS.filter((x) => !x.nullable)) expect(r[c.name], c.name).not.toBe('');
      expect(Number.isFinite(Number(r.EffectiveCost))).toBe(true);
      expect(JSON.parse(r.Tags!).team).toBe(r.x_Team === '__idle__' ? '__idle__' : r.x_Team);
    }
    expect(new Set(rows.map((r) => r.ChargePeriodStart))).toEqual(new Set(['2026-11-02T00:00:00Z'])); // nothing was collected on the 1st
    expect(new Set(rows.filter((r) => r.ChargePeriodStart === '2026-11-02T00:00:00Z').map((r) => r.ChargePeriodEnd))).toEqual(new Set(['2026-11-02T12:00:00Z']));
    const sum = rows.reduce((s, r) => s + Number(r.EffectiveCost), 0);
    expect(Math.abs(sum - body.data.totals.totalCostUsd!)).toBeLessThan(0.006);
    // Per team: the export's rows add up to the report's team total.
    for (const t of body.data.teams) {
      const mine = rows.filter((r) => r.x_Team === t.team && r.x_Line === 'workload').reduce((s, r) => s + Number(r.EffectiveCost), 0);
      expect(Math.abs(mine - t.totalCostUsd)).toBeLessThan(0.006 * body.data.teams.length);
    }
    expect(rows.some((r) => r.x_Line === 'idle')).toBe(true);
  });

  test('hourly FOCUS and Tally’s CSV hold the same money; tally export writes what the API serves', async () => {
    const fetchText = async (q: string) => (await exportRoute(new Request(`http://localhost/api/v1/export?month=2026-11&${q}`))).text();
    const daily = csvRecords(await fetchText('format=focus'));
    const hourly = csvRecords(await fetchText('format=focus&granularity=hourly'));
    expect(new Set(hourly.map((r) => r.ChargePeriodStart)).size).toBe(3); // the replayed hours 09–12 on the 2nd
    const sum = (rows: Record<string, string>[], column: string) => rows.reduce((s, r) => s + Number(r[column]), 0);
    expect(sum(hourly, 'EffectiveCost')).toBeCloseTo(sum(daily, 'EffectiveCost'), 3);
    const csv = await fetchText('format=csv');
    expect(csv.split('\r\n')[0]!.startsWith('month,periodStart,periodEnd,cluster,team,namespace')).toBe(true);
    expect(sum(csvRecords(csv), 'totalCostUsd')).toBeCloseTo(sum(daily, 'EffectiveCost'), 4);
    let written = '';
    const rows = await writeExport(database(), ['--month', '2026-11', '--format', 'focus'], NOW, async (chunk) => { written += chunk; });
    expect(written).toBe(await fetchText('format=focus'));
    expect(rows).toBe(daily.length);
  });

  test.each([
    ['format=xlsx', 'format: must be csv or focus'],
    ['granularity=weekly', 'granularity: must be daily or hourly'],
    ['month=2027-01', 'month: 2027-01 has not begun'],
  ])('export: bad input %s → 400 naming it', async (query, message) => {
    const { status, body } = await json<{ error: { message: string } }>(exportRoute, `/api/v1/export?${query}`);
    expect(status).toBe(400);
    expect(body.error.message).toContain(message);
  });

  test.each([
    ['?month=2026-13', 'month: must be YYYY-MM'],
    ['?month=november', 'month: must be YYYY-MM'],
    ['?month=2026-12', 'month: 2026-12 has not begun'],
    ['?format=xml', 'format: must be json or csv'],
    ['?idle=maybe', 'idle: must be separate or shared'],
  ])('bad input %s → 400 naming it', async (query, message) => {
    const { status, body } = await report(query);
    expect(status).toBe(400);
    expect(body.error!.message).toContain(message);
  });
});
