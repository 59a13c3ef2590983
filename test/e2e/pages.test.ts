import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { formatUsd } from '../../lib/format';
import { ensureDashboardBuilt, freePort, launchBrowser, startTally, stop, type Running } from './tally';

// One `tally start --demo` (two days of history) serves every page test; the last test stops
// it and starts it again on the same data.
const TEAMS = ['checkout', 'search', 'payments', 'data', 'platform-web', 'ml'];
const SHARED_NAMESPACES = ['kube-system', 'monitoring'];
const MONEY = /^-?\$\d{1,3}(,\d{3})*\.\d{2}$/;
const DAY_MS = 86_400_000;

interface ApiAllocation {
  name: string;
  properties: { namespace?: string; controller?: string; controllerKind?: string; team?: string };
  totalCost: number;
  sharedCost: number;
  cpuCostIdle: number;
  ramCostIdle: number;
  gpuCostIdle: number;
}

const money = (usd: number) => formatUsd(usd);
const cost = (a: ApiAllocation) => money(a.totalCost - a.sharedCost);
const idleShare = (a: ApiAllocation) => money(a.cpuCostIdle + a.ramCostIdle + a.gpuCostIdle);

describe('the dashboard in Chromium, every page against the allocation API', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-e2e-'));
  let port: number;
  let tally: Running;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  // The last whole UTC day (two days of history cover it), as the pages' from/to and as the API's window.
  const day = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - DAY_MS).toISOString().slice(0, 10);
  const search = `from=${day}&to=${day}`;
  const apiWindow = `${day}T00:00:00Z,${new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10)}T00:00:00Z`;
  const base = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    browser = await launchBrowser(); // first: without Chromium, fail at once with the install command
    page = await browser.context.newPage();
    await ensureDashboardBuilt(); // before any `tally start`: one build for every browser test file
    port = await freePort();
    tally = startTally(dataDir, port);
    await tally.waitFor(/collecting demo/, 300_000);
    expect(tally.output()).toMatch(/backfill: \d{3,} scrapes replayed/);
  }, 320_000);
  afterAll(async () => {
    await browser?.close();
    if (tally) await stop(tally);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function api(query: string): Promise<ApiAllocation[]> {
    const response = await fetch(`${base()}/api/v1/allocation?window=${apiWindow}&${query}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Record<string, ApiAllocation>[] };
    return Object.values(body.data[0]!);
  }

  /**
   * The API's answer and what `read` saw on the page, with the data unchanged in between (the
   * demo keeps collecting and rolls up every hour): the API is asked before and after the page.
   */
  async function agreeing<T>(query: string, read: () => Promise<T>): Promise<{ allocations: ApiAllocation[]; seen: T }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await api(query);
      const seen = await read();
      const after = await api(query);
      if (JSON.stringify(before) === JSON.stringify(after)) return { allocations: before, seen };
    }
    throw new Error('the allocation API kept changing while the page was read');
  }

  /** Each row of a table as {header: cell text}. */
  async function tableRows(testId: string): Promise<Record<string, string>[]> {
    return page.getByTestId(testId).evaluate((table) => {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
      return [...table.querySelectorAll('tbody tr')].map((tr) =>
        Object.fromEntries([...tr.querySelectorAll('td')].map((td, i) => [headers[i]!, (td as HTMLElement).innerText.trim()])));
    });
  }

  const text = (testId: string) => page.getByTestId(testId).innerText();
  const areas = () => page.locator('.chart svg path.recharts-area-area').count();

  async function fitsPhone(url: string) {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(url, { waitUntil: 'networkidle' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  test('overview: every team with cost, shared and total as the API has them, idle labelled by what it is a share of, the chart drawn', async () => {
    for (const idle of ['separate', 'share'] as const) {
      const query = `aggregate=team&${idle === 'share' ? 'shareIdle=true' : 'includeIdle=true'}`;
      const { allocations, seen } = await agreeing(query, async () => {
        await page.goto(`${base()}/?${search}${idle === 'share' ? '&idle=shared' : ''}`, { waitUntil: 'networkidle' });
        return { rows: await tableRows('team-costs'), total: await text('total-cost'), idleCard: await text('idle-cost'), idleShares: await text('idle-shares') };
      });
      const byName = new Map(seen.rows.map((r) => [r.Team!, r]));
      expect(allocations.length).toBeGreaterThanOrEqual(TEAMS.length + (idle === 'separate' ? 2 : 1)); // the teams, unallocated, and the idle line when separate
      expect([...byName.keys()]).toEqual(expect.arrayContaining([...TEAMS, 'unallocated']));
      for (const ns of SHARED_NAMESPACES) expect([...byName.keys()]).not.toContain(ns);
      for (const a of allocations) {
        const label = a.name === '__unallocated__' ? 'unallocated' : a.name === '__idle__' ? 'idle' : a.name;
        const row = byName.get(label);
        expect(row, label).toBeDefined();
        expect(row!.Total, label).toBe(money(a.totalCost));
        expect(row!.Total).toMatch(MONEY);
        if (a.name === '__idle__') continue;
        expect(row!.Cost, label).toBe(cost(a));
        expect(row!.Shared, label).toBe(money(a.sharedCost));
        if (idle === 'share') expect(row!['of which idle'], label).toBe(idleShare(a));
        expect(Number(row!.Cost!.replace(/[$,]/g, ''))).toBeGreaterThan(0);
      }
      expect(seen.total).toBe(money(allocations.reduce((s, a) => s + a.totalCost, 0)));
      expect(seen.idleShares).toMatch(/^\d+\.\d% of node cost · \d+\.\d% of total cost$/);
      if (idle === 'separate') {
        const idleLine = allocations.find((a) => a.name === '__idle__')!;
        expect(seen.idleCard).toBe(money(idleLine.totalCost));
        expect(seen.rows.find((r) => r.Team === 'idle')!['Share of total']).toBe(seen.idleShares.split(' · ')[1]!.replace(' of total cost', ''));
      }
      expect(await areas()).toBeGreaterThanOrEqual(TEAMS.length + 1);
      for (const w of await tableRows('top-workloads')) {
        expect(SHARED_NAMESPACES).not.toContain(w.Namespace);
        expect(w.Cost).toMatch(MONEY);
      }
    }
  });

  test('team page: its row of the overview (cost, idle share, shared, total) per the idle toggle, its chart, and the links there and back', async () => {
    await page.goto(`${base()}/?${search}`, { waitUntil: 'networkidle' });
    const overviewRow = (await tableRows('team-costs')).find((r) => r.Team === 'ml')!;
    await page.getByTestId('team-costs').getByRole('link', { name: 'ml', exact: true }).click();
    await page.waitForURL(`**/teams/ml?${search}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Team ml');
    await expect(text('team-cost')).resolves.toBe(overviewRow.Cost);
    await expect(text('team-shared')).resolves.toBe(overviewRow.Shared);
    await expect(text('team-total')).resolves.toBe(overviewRow.Total);
    await page.waitForSelector('.chart svg path.recharts-area-area');
    expect(await areas()).toBe(1);
    const namespaces = await tableRows('team-namespaces');
    expect(namespaces.length).toBeGreaterThan(0);
    for (const n of namespaces) expect(n['Attributed by']).toMatch(/label "team"|namespace map/);

    const figures = async () => ({ cost: await text('team-cost'), idle: await text('team-idle'), shared: await text('team-shared'), total: await text('team-total') });
    const separate = await agreeing('aggregate=team&includeIdle=true', async () => {
      await page.goto(`${base()}/teams/ml?${search}`, { waitUntil: 'networkidle' });
      return figures();
    });
    const ml = (all: ApiAllocation[]) => all.find((a) => a.name === 'ml')!;
    expect(separate.seen).toEqual({ cost: cost(ml(separate.allocations)), idle: '$0.00', shared: money(ml(separate.allocations).sharedCost), total: money(ml(separate.allocations).totalCost) });

    // The toggle: idle shared over the teams adds ml's idle share to its cost, the same as on the overview.
    const shared = await agreeing('aggregate=team&shareIdle=true', async () => {
      await page.goto(`${base()}/teams/ml?${search}`, { waitUntil: 'networkidle' });
      await page.getByRole('link', { name: 'shared over teams' }).click();
      await page.waitForURL(/idle=shared/);
      await page.getByText('included in the cost').waitFor();
      return figures();
    });
    const a = ml(shared.allocations);
    expect(shared.seen).toEqual({ cost: cost(a), idle: idleShare(a), shared: money(a.sharedCost), total: money(a.totalCost) });
    const usd = (s: string) => Number(s.replace(/[$,]/g, ''));
    expect(usd(shared.seen.idle)).toBeGreaterThan(0);
    expect(Math.abs(usd(shared.seen.cost) - usd(shared.seen.idle) - usd(separate.seen.cost))).toBeLessThanOrEqual(0.011);

    await page.getByRole('link', { name: '← Overview' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('idle') === 'shared');
    const overviewShared = (await tableRows('team-costs')).find((r) => r.Team === 'ml')!;
    expect({ cost: overviewShared.Cost, idle: overviewShared['of which idle'], total: overviewShared.Total }).toEqual({ cost: shared.seen.cost, idle: shared.seen.idle, total: shared.seen.total });
  });

  test('unallocated page: the overview’s unallocated row, its workloads as the API has them, no shared namespace asked to be labelled', async () => {
    const { allocations, seen } = await agreeing('aggregate=cluster,namespace,controllerKind,controller,team&includeIdle=true', async () => {
      await page.goto(`${base()}/unallocated?${search}`, { waitUntil: 'networkidle' });
      return { rows: await tableRows('unallocated'), cost: await text('team-cost'), shared: await text('team-shared'), total: await text('team-total'), body: await page.locator('main').innerText() };
    });
    const unallocated = allocations.filter((a) => a.properties.team === '__unallocated__');
    expect(unallocated.length).toBeGreaterThan(0);
    expect(seen.rows.map((r) => r.Namespace)).toEqual(expect.arrayContaining([...new Set(unallocated.map((a) => a.properties.namespace!))]));
    for (const a of unallocated) {
      const row = seen.rows.find((r) => r.Namespace === a.properties.namespace && r.Workload!.startsWith(`${a.properties.controller} `));
      expect(row, a.name).toBeDefined();
      expect(row!.Cost).toBe(cost(a));
    }
    for (const ns of SHARED_NAMESPACES) expect(seen.rows.map((r) => r.Namespace)).not.toContain(ns);
    expect(seen.body).toMatch(/Shared namespaces \(kube-system, monitoring\) are not unallocated: the configuration spreads them/);

    const teams = await api('aggregate=team&includeIdle=true');
    const row = teams.find((a) => a.name === '__unallocated__')!;
    expect(seen).toMatchObject({ cost: cost(row), shared: money(row.sharedCost), total: money(row.totalCost) });
    await page.waitForSelector('.chart svg path.recharts-area-area');

    // The overview links here, and every other name of cost without a team comes here too, filters kept.
    await page.goto(`${base()}/?${search}`, { waitUntil: 'networkidle' });
    await page.getByTestId('team-costs').getByRole('link', { name: 'unallocated', exact: true }).click();
    await page.waitForURL(`**/unallocated?${search}`);
    await expect(text('team-cost')).resolves.toBe(seen.cost);
    for (const name of ['unallocated', 'unassigned', '__unallocated__']) {
      await page.goto(`${base()}/teams/${name}?${search}`, { waitUntil: 'networkidle' });
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/unallocated?${search}`);
    }
  });

  test('not found: an unknown team, a name Postgres cannot store, and an unknown page are 404 pages, never an error', async () => {
    for (const [url, heading] of [['/teams/nope', 'No such team'], ['/teams/%00', 'No such team'], ['/teams/%E0', 'Page not found'], ['/teams/a%C3%28', 'Page not found'], ['/nope', 'Page not found']] as const) {
      const response = await page.goto(`${base()}${url}`, { waitUntil: 'networkidle' });
      expect(response!.status(), url).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }).innerText(), url).resolves.toBe(heading);
      await expect(page.getByRole('link', { name: '← Overview' }).count()).resolves.toBe(1);
    }
    expect(tally.output()).not.toMatch(/invalid byte sequence|0x00|Something went wrong/);
  });

  test('node pools page: today’s node cost, the plan and the saving as the node-pools API has them, a table row and a chart per pool', async () => {
    const query = 'profile=production&requests=recommended';
    type Plan = { data: { pool: string }[]; cluster: { todayMonthlyCostUsd: number; monthlyCostUsd: number; monthlySavingUsd: number } };
    const ask = async () => (await (await fetch(`${base()}/api/v1/capacity/node-pools?${query}`)).json()) as Plan;
    let agreed = false;
    for (let attempt = 0; attempt < 3 && !agreed; attempt++) {
      const before = await ask();
      await page.goto(`${base()}/node-pools`, { waitUntil: 'networkidle' }); // the page's defaults are the query above
      const seen = { today: await text('node-pools-today'), plan: await text('node-pools-plan'), rows: (await tableRows('node-pools-plan-table')).map((r) => r.Pool!.split('\n')[0]) };
      const after = await ask();
      if (JSON.stringify(before) !== JSON.stringify(after)) continue;
      agreed = true;
      expect(seen.today).toBe(money(before.cluster.todayMonthlyCostUsd));
      expect(seen.plan).toBe(money(before.cluster.monthlyCostUsd));
      if (before.cluster.monthlySavingUsd > 0) await expect(text('node-pools-saving')).resolves.toBe(money(before.cluster.monthlySavingUsd));
      else await expect(page.getByTestId('node-pools-no-saving').count()).resolves.toBe(1);
      expect(seen.rows.sort()).toEqual(before.data.map((p) => p.pool).sort());
      await expect(page.locator('.chart svg').count()).resolves.toBeGreaterThanOrEqual(before.data.length);
    }
    expect(agreed).toBe(true);
  });

  test('monthly report: each team’s row as the report API has it, the demo’s budgets (one over, one at risk) with bars and sparklines, drivers that expand, FOCUS download, one printed page per team', async () => {
    type Report = { data: { month: string; teams: { team: string; totalCostUsd: number; status: string; budgetUsedRatio: number | null; drivers: unknown[] }[] } };
    const ask = async () => (await (await fetch(`${base()}/api/v1/reports/monthly`)).json()) as Report;
    let agreed: Report | null = null;
    for (let attempt = 0; attempt < 3 && !agreed; attempt++) {
      const before = await ask();
      await page.goto(`${base()}/reports/monthly`, { waitUntil: 'networkidle' });
      const rows = await tableRows('report-teams');
      const after = await ask();
      if (JSON.stringify(before) !== JSON.stringify(after)) continue;
      agreed = before;
      expect(rows.map((r) => r.Total!.split('\n')[0])).toEqual(before.data.teams.map((t) => money(t.totalCostUsd)));
    }
    expect(agreed).not.toBeNull();
    const teams = agreed!.data.teams;
    const statuses = teams.map((t) => t.status);
    expect(statuses).toContain('over');
    expect(statuses).toContain('at-risk');
    await expect(page.locator('[data-testid="report-teams"] [data-testid="budget-bar"]').count()).resolves.toBe(teams.filter((t) => t.budgetUsedRatio !== null).length);
    await expect(page.locator('[data-testid="report-teams"] [data-testid="sparkline"]').count()).resolves.toBe(teams.length);
    // Drivers: the top one shown, the rest on expanding the row.
    const drivers = page.getByTestId('drivers').first();
    await expect(drivers.locator('li').first().isVisible()).resolves.toBe(false);
    await drivers.locator('summary').click();
    await expect(drivers.locator('li').first().isVisible()).resolves.toBe(true);
    const focus = await fetch(`${base()}${await page.getByTestId('report-focus').getAttribute('href')}`);
    expect(focus.status).toBe(200);
    const header = (await focus.text()).split('\r\n')[0]!;
    expect(header.split(',')).toEqual(expect.arrayContaining(['BilledCost', 'EffectiveCost', 'BillingCurrency', 'ChargePeriodStart', 'x_Team']));
    // Printed: no app chrome, one statement per team, one page each.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('report-teams').isVisible()).resolves.toBe(false);
    await expect(page.locator('.team-statement').count()).resolves.toBe(teams.length);
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1'); // print media (emulating screen would print the screen)
    await page.emulateMedia({ media: null });
    expect(pdf.match(/\/Type\s*\/Page(?![s\w])/g)?.length).toBe(teams.length);
  });

  test('phone width: no page is wider than a 390 px screen, the tables scroll inside their card', async () => {
    for (const url of [`/?${search}`, `/?${search}&idle=shared`, `/teams/ml?${search}&idle=shared`, `/unallocated?${search}`, '/teams/nope', '/rightsizing', '/node-pools', '/reports/monthly']) await fitsPhone(`${base()}${url}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base()}/?${search}&idle=shared`, { waitUntil: 'networkidle' });
    const overflow = await page.getByTestId('team-costs').evaluate((t) => getComputedStyle(t.parentElement!).overflowX);
    expect(overflow).toBe('auto');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('health and metrics answer; stopped with Ctrl-C it exits 0, and restarts without a second backfill', async () => {
    const health = await (await fetch(`${base()}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', clusters: [{ name: 'demo' }] });
    expect(await (await fetch(`${base()}/metrics`)).text()).toContain('tally_job_runs_total');
    expect(await stop(tally)).toBe(0);
    const second = startTally(dataDir, port);
    try {
      await second.waitFor(/collecting demo/, 120_000);
      const replayed = Number(/backfill: (\d+) scrapes replayed/.exec(second.output())![1]);
      expect(replayed).toBeLessThan(5); // only the minutes since the first run stopped
      expect(second.output()).toMatch(/database: embedded PGlite .*, up to date/);
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 150_000);
});
