import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { formatDuration, formatFrequency, formatRatio } from '../../app/_lib/delivery-format';
import { teamLabel } from '../../app/_lib/team-param';
import { businessMsAt, HOUR_MS } from '../../lib/demo/calendar';
import { formatUsd } from '../../lib/format';
import { ensureDashboardBuilt, freePort, launchBrowser, startTally, stop, type Running } from './tally';

// One `tally start --demo` serves every test of this file. The demo deploys in UTC business
// hours (Monday–Friday 09:00–17:00): two days of history hold deployments except from Sunday
// afternoon to Monday morning, when four days are replayed instead.
const DAY_MS = 86_400_000;
const NOW_MS = Date.now();
const DAYS = businessMsAt(NOW_MS) - businessMsAt(NOW_MS - 2 * DAY_MS) >= 4 * HOUR_MS ? 2 : 4;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Tier = 'elite' | 'high' | 'medium' | 'low' | null;
interface ApiDelivery {
  name: string;
  deployments: number;
  deploymentsPerDay: number;
  configChanges: number;
  restarts: number;
  rollbacks: number;
  failedDeployments: number;
  changeFailureRate: number | null;
  reworkRate: number | null;
  leadTimeSecondsMedian: number | null;
  leadTimeSecondsP90: number | null;
  leadTimeSamples: number;
  recoverySecondsMedian: number | null;
  costPerDeploymentUsd: number | null;
  tiers: { deploymentFrequency: Tier; leadTime: Tier; changeFailureRate: Tier; recoveryTime: Tier };
}
interface ApiDeployment { namespace: string; controllerName: string; team: string; kind: string; revision: number }

/** A value and its tier badge as a cell's text shows them. */
const withTier = (value: string, tier: Tier) => (tier === null ? value : `${value} ${tier}`);
const frequency = (r: ApiDelivery) => (r.deployments === 0 ? '0/day' : formatFrequency(r.deploymentsPerDay));
const leadTime = (r: ApiDelivery) =>
  r.leadTimeSecondsMedian === null ? '—' : `${formatDuration(r.leadTimeSecondsMedian)} · p90 ${formatDuration(r.leadTimeSecondsP90)}`;
const money = (usd: number | null) => (usd === null ? '—' : formatUsd(usd));

describe('the Delivery page and the team delivery panel in Chromium, against the delivery API', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-e2e-delivery-'));
  let port: number;
  let tally: Running;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  // The whole replayed history: from the first UTC day it touches to today (the pages' `to` is inclusive).
  const firstDay = isoDay(NOW_MS - DAYS * DAY_MS);
  const search = `from=${firstDay}&to=${isoDay(NOW_MS)}`;
  const apiWindow = `${firstDay}T00:00:00Z,${isoDay(NOW_MS + DAY_MS)}T00:00:00Z`;
  const base = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await ensureDashboardBuilt(); // before any `tally start`: one build for every browser test file
    port = await freePort();
    tally = startTally(dataDir, port, DAYS);
    await tally.waitFor(/collecting demo/, 420_000); // four days of history replay in about twice the two days' 90 s
  }, 480_000);
  afterAll(async () => {
    await browser?.close();
    if (tally) await stop(tally);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function api<T>(route: string, query: string): Promise<T[]> {
    const response = await fetch(`${base()}/api/v1/${route}?window=${apiWindow}&${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { data: T[] }).data;
  }

  /** The API's rows and what `read` saw, with the data unchanged in between (the demo keeps collecting and deriving rollouts). */
  async function agreeing<T>(query: string, read: () => Promise<T>): Promise<{ rows: ApiDelivery[]; seen: T }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await api<ApiDelivery>('delivery', query);
      const seen = await read();
      const after = await api<ApiDelivery>('delivery', query);
      if (JSON.stringify(before) === JSON.stringify(after)) return { rows: before, seen };
    }
    throw new Error('the delivery API kept changing while the page was read');
  }

  async function tableRows(testId: string): Promise<Record<string, string>[]> {
    return page.getByTestId(testId).evaluate((table) => {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
      return [...table.querySelectorAll('tbody tr')].map((tr) =>
        Object.fromEntries([...tr.querySelectorAll('td')].map((td, i) => [headers[i]!, (td as HTMLElement).innerText.trim()])));
    });
  }
  const text = (testId: string) => page.getByTestId(testId).innerText();

  test('Delivery page: a row per team as /api/v1/delivery?aggregate=team has it, tiers shown, DORA’s caution, weekly trends and the lead-time distribution drawn', async () => {
    const { rows, seen } = await agreeing('aggregate=team', async () => {
      await page.goto(`${base()}/delivery?${search}`, { waitUntil: 'networkidle' });
      return { table: await tableRows('delivery-teams'), caution: await text('dora-caution'), leadTimes: await page.locator('main').innerText() };
    });
    const deploying = rows.filter((r) => r.deployments > 0);
    expect(deploying.length, 'teams that deployed in the replayed history').toBeGreaterThanOrEqual(3);
    expect(seen.table.map((r) => r.Team)).toEqual(rows.map((r) => teamLabel(r.name)));
    for (const r of rows) {
      const row = seen.table.find((t) => t.Team === teamLabel(r.name))!;
      expect(row, r.name).toEqual({
        Team: teamLabel(r.name),
        Deployments: String(r.deployments),
        Frequency: withTier(frequency(r), r.tiers.deploymentFrequency),
        'Lead time (median · p90)': withTier(leadTime(r), r.tiers.leadTime),
        'Change failure rate': withTier(formatRatio(r.changeFailureRate), r.tiers.changeFailureRate),
        'Recovery (median)': withTier(formatDuration(r.recoverySecondsMedian), r.tiers.recoveryTime),
        'Rework rate': formatRatio(r.reworkRate),
        'Config changes': String(r.configChanges),
        Restarts: String(r.restarts),
        Rollbacks: String(r.rollbacks),
        'Cost per deployment': money(r.costPerDeploymentUsd),
      });
      if (r.deployments === 0) expect(row['Change failure rate'], `${r.name}: absent, never 0`).toBe('—');
    }
    expect(deploying.some((r) => r.tiers.deploymentFrequency !== null && r.tiers.changeFailureRate !== null)).toBe(true);

    expect(seen.caution).toContain('DORA\'s software delivery metrics: the four keys');
    expect(seen.caution).toMatch(/not with other teams/);
    await expect(page.getByTestId('dora-caution').getByRole('link').getAttribute('href')).resolves.toBe('https://dora.dev/guides/dora-metrics-four-keys/');

    await page.waitForSelector('[data-testid=weekly-deployments] svg .recharts-bar-rectangle');
    expect(await page.locator('[data-testid=weekly-deployments] svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=weekly-change-failure-rate] svg .recharts-line-dot').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=weekly-lead-time] svg .recharts-line-dot').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=lead-time-distribution] svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const samples = rows.reduce((s, r) => s + r.leadTimeSamples, 0);
    expect(seen.leadTimes).toContain(`${samples} succeeded deployment${samples === 1 ? '' : 's'} with a commit (or image build) time.`);
  });

  test('Delivery page: platform time to market per team as /api/v1/platform?aggregate=team has it', async () => {
    interface ApiPlatform { name: string; podsStarted: number | null; unschedulablePods: number | null; podStartupSecondsP99: number | null }
    for (let attempt = 0; ; attempt++) {
      const before = await api<ApiPlatform>('platform', 'aggregate=team');
      await page.goto(`${base()}/delivery?${search}`, { waitUntil: 'networkidle' });
      const table = await tableRows('platform-table');
      const after = await api<ApiPlatform>('platform', 'aggregate=team');
      if (JSON.stringify(before) !== JSON.stringify(after) && attempt < 2) continue;
      expect(before.some((r) => (r.podsStarted ?? 0) > 0 && r.podStartupSecondsP99 !== null), 'pods started in the replayed history').toBe(true);
      expect(table.map((r) => r.Team)).toEqual(before.map((r) => r.name));
      for (const r of before) {
        const row = table.find((t) => t.Team === r.name)!;
        expect(row['Pods started'], r.name).toBe(r.podsStarted === null ? '—' : String(r.podsStarted));
        expect(row['Unschedulable pods'], r.name).toBe(r.unschedulablePods === null ? '—' : String(r.unschedulablePods));
        if (r.podStartupSecondsP99 === null) expect(row['Startup p99'], `${r.name}: absent, never 0`).toBe('—');
      }
      await expect(page.getByTestId('platform-node-pools').count()).resolves.toBe(1);
      return;
    }
  });

  test('Delivery page, one team charted: the picker puts the team in the URL, the distribution counts its deployments', async () => {
    const team = (await api<ApiDelivery>('delivery', 'aggregate=team')).filter((r) => r.leadTimeSamples > 0).sort((a, b) => b.leadTimeSamples - a.leadTimeSamples)[0]!;
    const { rows, seen } = await agreeing('aggregate=team', async () => {
      await page.goto(`${base()}/delivery?${search}`, { waitUntil: 'networkidle' });
      await page.getByTestId('delivery-team-picker').getByRole('link', { name: teamLabel(team.name), exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('team') === team.name);
      await page.getByRole('heading', { name: `Weekly trends, team ${teamLabel(team.name)}` }).waitFor();
      await page.waitForSelector('[data-testid=lead-time-distribution] svg .recharts-bar-rectangle');
      return page.locator('main').innerText();
    });
    const samples = rows.find((r) => r.name === team.name)!.leadTimeSamples;
    expect(seen).toContain(`${samples} succeeded deployment${samples === 1 ? '' : 's'} with a commit (or image build) time.`);
    expect(new URL(page.url()).searchParams.get('from')).toBe(firstDay);
  });

  test('team page: the delivery panel as the API has the team, the link to its Delivery page, deployment markers on the daily cost chart naming what shipped', async () => {
    const team = (await api<ApiDelivery>('delivery', 'aggregate=team')).filter((r) => r.name !== 'unassigned').sort((a, b) => b.deployments - a.deployments)[0]!.name;
    const filter = `filter=${encodeURIComponent(`team:"${team}"`)}`;
    const ids = ['deployments', 'frequency', 'lead-time', 'lead-time-p90', 'change-failure-rate', 'recovery', 'rework', 'cost-per-deployment'];
    const tierIds = ['frequency-tier', 'lead-time-tier', 'change-failure-rate-tier', 'recovery-tier'];
    // The panel is the team's row of the Delivery page's own request (cost with its shared part).
    const { rows, seen } = await agreeing('aggregate=team', async () => {
      await page.goto(`${base()}/teams/${team}?${search}`, { waitUntil: 'networkidle' });
      const figures: Record<string, string> = {};
      for (const id of ids) figures[id] = await text(`delivery-${id}`);
      for (const id of tierIds) figures[id] = (await page.getByTestId(`delivery-${id}`).count()) ? await text(`delivery-${id}`) : '';
      return figures;
    });
    const r = rows.find((row) => row.name === team)!;
    expect(r.deployments).toBeGreaterThan(0);
    expect(seen).toEqual({
      deployments: String(r.deployments), frequency: frequency(r), 'lead-time': formatDuration(r.leadTimeSecondsMedian),
      'lead-time-p90': formatDuration(r.leadTimeSecondsP90), 'change-failure-rate': formatRatio(r.changeFailureRate),
      recovery: formatDuration(r.recoverySecondsMedian), rework: formatRatio(r.reworkRate), 'cost-per-deployment': money(r.costPerDeploymentUsd),
      'frequency-tier': r.tiers.deploymentFrequency ?? '', 'lead-time-tier': r.tiers.leadTime ?? '',
      'change-failure-rate-tier': r.tiers.changeFailureRate ?? '', 'recovery-tier': r.tiers.recoveryTime ?? '',
    });

    // A marker on each day the team deployed; hovering the newest shows what shipped that day.
    const markers = page.locator('.chart svg [data-testid=deployment-marker]');
    await markers.first().waitFor();
    const days = await markers.evaluateAll((els) => els.map((e) => e.getAttribute('data-day')!));
    expect(days.filter((d) => d >= firstDay).length).toBeGreaterThan(0);
    const newest = days.reduce((a, b) => (a > b ? a : b));
    await page.locator(`.chart svg [data-testid=deployment-marker][data-day="${newest}"]`).hover();
    const tooltip = page.getByTestId('cost-tooltip');
    await tooltip.waitFor();
    await expect(tooltip.locator('strong').first().innerText()).resolves.toBe(newest);
    const shipped = await tooltip.getByTestId('shipped-deployment').allInnerTexts();
    expect(shipped.length).toBeGreaterThan(0);
    const dayWindow = `${newest}T00:00:00Z,${isoDay(Date.parse(newest) + DAY_MS)}T00:00:00Z`;
    const response = await fetch(`${base()}/api/v1/deployments?window=${dayWindow}&${filter}`);
    const deployments = ((await response.json()) as { data: ApiDeployment[] }).data.filter((d) => d.kind === 'deployment');
    const workloads = deployments.map((d) => `${d.namespace}/${d.controllerName} rev ${d.revision}`);
    for (const line of shipped) expect(workloads, line).toContain(line.split(' · ')[0]);
    expect(shipped[0]).toMatch(/cost (impact not known|[+−]?\d+\.\d%|—)/);

    await page.getByTestId('delivery-link').click();
    await page.waitForURL((url) => url.pathname === '/delivery' && url.searchParams.get('team') === team);
    await page.getByRole('heading', { name: `Weekly trends, team ${team}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe(firstDay);
  });

  test('phone width: the Delivery page is no wider than a 390 px screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${base()}/delivery?${search}`, { waitUntil: 'networkidle' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
