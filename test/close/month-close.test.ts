import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { GET as allocationRoute } from '../../app/api/v1/allocation/route';
import { GET as exportRoute } from '../../app/api/v1/export/route';
import { GET as closesRoute, POST as closeRoute } from '../../app/api/v1/reports/monthly/close/route';
import { GET as reportRoute } from '../../app/api/v1/reports/monthly/route';
import { MonthlyReportSections } from '../../app/reports/monthly/sections';
import { closeCommand } from '../../lib/cli/close';
import { refreshCloseRecomputes } from '../../lib/close/month-close';
import { DEFAULT_CONFIG, type TallyConfig } from '../../lib/config';
import { BACKENDS } from '../helpers/backends';
import { replayedMonths } from '../helpers/replayed-months';

// October is over at NOW (it can be closed); November is running (it cannot).
const OCTOBER = { from: new Date('2026-10-01T09:00:00.000Z'), to: new Date('2026-10-01T12:00:00.000Z') };
const NOVEMBER = { from: new Date('2026-11-02T09:00:00.000Z'), to: new Date('2026-11-02T12:00:00.000Z') };
const NOW = NOVEMBER.to;
const OCTOBER_WINDOW = 'window=2026-10-01T00:00:00Z,2026-11-01T00:00:00Z';

interface ReportBody {
  code: number;
  data: { month: string; closed: boolean; totals: { totalCostUsd: number }; teams: { team: string; totalCostUsd: number }[]; close: null | { closedAt: string; closedBy: string; totalCostUsd: number; recompute: null | { totalCostUsd: number; differenceUsd: number } } };
  error?: { code: string; message: string };
}

const url = (path: string) => new Request(`http://localhost${path}`);
const report = async (query: string) => {
  const r = await reportRoute(url(`/api/v1/reports/monthly${query}`));
  return { status: r.status, body: (await r.json()) as ReportBody };
};
const text = async (route: (r: Request) => Promise<Response>, path: string) => {
  const r = await route(url(path));
  return { status: r.status, body: await r.text() };
};
const post = (body: Record<string, string>, form = false) =>
  closeRoute(new Request('http://localhost/api/v1/reports/monthly/close', {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  }));

let config: TallyConfig = DEFAULT_CONFIG;

describe.each(BACKENDS)('month close on $name', (backend) => {
  // What finance saw before closing October.
  let before: { report: ReportBody; allocation: string; namespaces: string; focus: string; csv: string };
  const database = replayedMonths(backend, [OCTOBER, NOVEMBER], {
    now: NOW,
    config: () => config,
    setup: async () => {
      config = { ...DEFAULT_CONFIG, shared: { ...DEFAULT_CONFIG.shared, namespaces: ['kube-system'] } };
      before = {
        report: (await report('?month=2026-10')).body,
        allocation: (await text(allocationRoute, `/api/v1/allocation?${OCTOBER_WINDOW}&aggregate=team&includeIdle=true`)).body,
        namespaces: (await text(allocationRoute, `/api/v1/allocation?${OCTOBER_WINDOW}&aggregate=namespace`)).body,
        focus: (await text(exportRoute, '/api/v1/export?month=2026-10&format=focus')).body,
        csv: (await text(exportRoute, '/api/v1/export?month=2026-10&format=csv&cluster=replay')).body,
      };
    },
  });

  test('a month that is not over cannot be closed (409), nor a malformed one (400); nothing is stored', async () => {
    const running = await post({ month: '2026-11' });
    expect(running.status).toBe(409);
    expect(((await running.json()) as ReportBody).error?.message).toMatch(/2026-11 is not over yet.*2026-12-01/);
    expect((await post({ month: '2026-13' })).status).toBe(400);
    expect((await post({ month: '2026-10', action: 'freeze' })).status).toBe(400);
    expect((await report('?month=2026-10')).body.data.closed).toBe(false);
  });

  test('closing from the dashboard freezes the report: served as it was, with when and from where; a second close is refused', async () => {
    const response = await post({ month: '2026-10' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { closedBy: string } }).data.closedBy).toBe('dashboard');
    const { body } = await report('?month=2026-10');
    expect(body.data.closed).toBe(true);
    expect(body.data.close).toMatchObject({ closedAt: NOW.toISOString(), closedBy: 'dashboard', totalCostUsd: before.report.data.totals.totalCostUsd, recompute: null });
    const { close: _close, closed: _closed, ...frozen } = body.data;
    const { close: _c, closed: _d, ...signed } = before.report.data;
    expect(frozen).toEqual(signed);
    expect((await post({ month: '2026-10' })).status).toBe(409);
    const list = (await (await closesRoute(url('/api/v1/reports/monthly/close'))).json()) as { data: { month: string }[] };
    expect(list.data.map((c) => c.month)).toEqual(['2026-10']);
  });

  test('after relabelling, new invoices, new sharing and a re-roll that lost an hour, the report, allocations and export stay as closed', async () => {
    config = {
      ...config, teams: { ...config.teams, labelKeys: ['owner'] }, shared: { ...config.shared, namespaces: [] },
      invoices: [{ cluster: 'replay', month: '2026-10', totalUsd: before.report.data.totals.totalCostUsd * 1.5 }],
    };
    await database().session((s) => s.run(`DELETE FROM container_hour WHERE hour_start = '2026-10-01T10:00:00Z'`));
    expect((await report('?month=2026-10')).body.data.totals.totalCostUsd).toBe(before.report.data.totals.totalCostUsd);
    expect((await text(allocationRoute, `/api/v1/allocation?${OCTOBER_WINDOW}&aggregate=team&includeIdle=true`)).body).toBe(before.allocation);
    expect((await text(allocationRoute, `/api/v1/allocation?${OCTOBER_WINDOW}&aggregate=namespace`)).body).toBe(before.namespaces);
    expect((await text(exportRoute, '/api/v1/export?month=2026-10&format=focus')).body).toBe(before.focus);
    expect((await text(exportRoute, '/api/v1/export?month=2026-10&format=csv&cluster=replay')).body).toBe(before.csv);
    // Hourly rows were never signed off: refused, not computed from today's data.
    const hourly = await text(exportRoute, '/api/v1/export?month=2026-10&format=focus&granularity=hourly');
    expect(hourly.status).toBe(409);
    expect(hourly.body).toMatch(/closed.*daily/);
  });

  test('a recompute shows by how much today’s data and config would differ, without applying it; the page says so', async () => {
    expect(await refreshCloseRecomputes(database(), NOW)).toBe(1);
    expect(await refreshCloseRecomputes(database(), NOW)).toBe(0); // nothing changed since
    const { body } = await report('?month=2026-10');
    const r = body.data.close!.recompute!;
    expect(r.totalCostUsd).toBeCloseTo(before.report.data.totals.totalCostUsd * 1.5, 1);
    expect(r.differenceUsd).toBeCloseTo(r.totalCostUsd - before.report.data.totals.totalCostUsd, 6);
    expect(body.data.totals.totalCostUsd).toBe(before.report.data.totals.totalCostUsd);
    const html = renderToStaticMarkup(await MonthlyReportSections({ month: '2026-10', cluster: undefined, idle: 'separate', nowMs: NOW.getTime() }));
    expect(html).toContain('data-testid="month-closed"');
    expect(html).toMatch(/Closed.*from the dashboard/);
    expect(html).toMatch(/A recompute on .* gives \$[\d,.]+ \(\+\$[\d,.]+\); not applied/);
    expect(html).toContain('data-testid="reopen-month"');
  });

  test('re-opening is explicit (CLI --reopen); the month is then computed again, and closing it from the CLI records the CLI', async () => {
    await expect(closeCommand(database(), ['--month', '2026-09', '--reopen'], NOW)).rejects.toThrow(/2026-09 is not closed/);
    expect(await closeCommand(database(), ['--month', '2026-10', '--reopen'], NOW)).toMatch(/re-opened 2026-10 \(closed at .* from the dashboard\)/);
    const open = (await report('?month=2026-10')).body.data;
    expect(open.closed).toBe(false);
    expect(open.totals.totalCostUsd).toBeCloseTo(before.report.data.totals.totalCostUsd * 1.5, 1);
    expect((await text(allocationRoute, `/api/v1/allocation?${OCTOBER_WINDOW}&aggregate=team&includeIdle=true`)).body).not.toBe(before.allocation);
    const html = renderToStaticMarkup(await MonthlyReportSections({ month: '2026-10', cluster: undefined, idle: 'separate', nowMs: NOW.getTime() }));
    expect(html).toContain('data-testid="close-month"');
    expect(await closeCommand(database(), ['--month', '2026-10'], NOW)).toMatch(/^closed 2026-10 at 2026-11-02T12:00:00.000Z: total [\d.]+ frozen/);
    expect((await report('?month=2026-10')).body.data.close).toMatchObject({ closedBy: 'cli' });
    await expect(closeCommand(database(), ['--month', 'october'], NOW)).rejects.toThrow(/--month: must be YYYY-MM/);
  });

  test('the dashboard’s form posts close and re-open and are sent back to the month’s report', async () => {
    const reopened = await post({ month: '2026-10', action: 'reopen', confirm: 'yes' }, true);
    expect(reopened.status).toBe(303);
    expect(reopened.headers.get('location')).toBe('/reports/monthly?month=2026-10');
    expect((await report('?month=2026-10')).body.data.closed).toBe(false);
    const closed = await post({ month: '2026-10' }, true);
    expect(closed.status).toBe(303);
    expect((await report('?month=2026-10')).body.data.close).toMatchObject({ closedBy: 'dashboard' });
  });
});
