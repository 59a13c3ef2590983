import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET } from '../../app/api/v1/recommendations/containers/route';
import { parseRightsizingParams } from '../../app/rightsizing/params';
import { RightsizingSections, TeamRightsizingSaving } from '../../app/rightsizing/sections';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import { formatUsd } from '../../lib/format';
import { setClock } from '../../lib/util/clock';
import { BACKENDS } from '../helpers/backends';
import { RIGHTSIZING_END, RIGHTSIZING_START, seedRightsizing } from '../fixtures/rightsizing';

const WINDOW = { startMs: RIGHTSIZING_START, endMs: RIGHTSIZING_END };
const api = async (query: string) =>
  ((await (await GET(new Request(`http://localhost/api/v1/recommendations/containers?window=4d&${query}`))).json()) as { data: Array<{ team: string; monthlySavingUsd: number }> }).data;

describe.each(BACKENDS.filter((b) => b.name === 'PGlite'))('the Right-sizing page on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await seedRightsizing(db);
    setDatabase(db);
    setClock(() => new Date(RIGHTSIZING_END));
  }, 120_000);
  afterAll(async () => {
    setClock(null);
    await cleanup?.();
  });

  test('savings per team largest first, the same figures as the API', async () => {
    const html = renderToStaticMarkup(await RightsizingSections({ ...WINDOW, strategy: 'simple', team: undefined }));
    const teams = await api('aggregate=team');
    const table = html.slice(html.indexOf('data-testid="rightsizing-teams"'), html.indexOf('data-testid="rightsizing-workloads"'));
    const shown = [...table.matchAll(/<a href="\/teams\/([^"]+)">[^<]+<\/a><\/td><td class="num">(\d+)<\/td><td class="num">([^<]+)<\/td>/g)].map((m) => [m[1], m[3]]);
    expect(shown).toEqual(teams.map((t) => [t.team, formatUsd(t.monthlySavingUsd)]));
  });

  test('per workload container: current → recommended, a usage chart, the risk and the saving', async () => {
    const html = renderToStaticMarkup(await RightsizingSections({ ...WINDOW, strategy: 'simple', team: undefined }));
    const workloads = html.slice(html.indexOf('data-testid="rightsizing-workloads"'));
    expect(workloads).toContain('shop/Deployment/api');
    expect(workloads).toMatch(/1 → \d+m/); // api's CPU request 1 core → p95
    expect(workloads).toMatch(/2Gi → \d+Mi/);
    expect(workloads.match(/data-testid="usage-percentile-chart"/g)).toHaveLength(3);
    expect(workloads).toMatch(/data-risk="(low|medium|high)"/); // the worker runs above its requests
    for (const r of await api('')) expect(workloads).toContain(formatUsd(r.monthlySavingUsd));
  });

  test('the team filter and the team page show that team only, its own saving', async () => {
    const html = renderToStaticMarkup(await RightsizingSections({ ...WINDOW, strategy: 'simple', team: 'beta' }));
    expect(html).toContain('search/StatefulSet/db');
    expect(html).not.toContain('shop/Deployment/api');
    // Summed unrounded, rounded once: the API's team row, not the sum of its rounded rows.
    const alpha = (await api('aggregate=team')).find((t) => t.team === 'alpha')!.monthlySavingUsd;
    const team = renderToStaticMarkup(await TeamRightsizingSaving({ team: 'alpha', ...WINDOW }));
    expect(team).toContain(`its 2 containers: <strong>${formatUsd(alpha)}</strong> a month`);
    const none = renderToStaticMarkup(await RightsizingSections({ ...WINDOW, strategy: 'vpa', team: 'nobody' }));
    expect(none).toContain('No container usage stored in this window.');
  });

  test.each([
    [{}, { window: '14d', strategy: 'simple', team: undefined, notices: [] }],
    [{ window: '4d', strategy: 'vpa', team: 'alpha' }, { window: '4d', strategy: 'vpa', team: 'alpha', notices: [] }],
    [{ window: '400d', strategy: 'krr' }, { window: '14d', strategy: 'simple', notices: ['ignored window: longer than 90 days', 'ignored strategy: must be one of simple, vpa'] }],
  ])('URL %j → filters %j', (search, expected) => {
    expect(parseRightsizingParams(search, RIGHTSIZING_END, 14)).toMatchObject(expected);
  });
});
