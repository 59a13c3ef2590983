import { describe, expect, test } from 'vitest';
import { parseOverviewParams } from '../../app/_lib/overview-params';

const NOW = new Date('2026-11-28T15:30:00Z');
const iso = (d: Date) => d.toISOString();

describe('overview URL filters', () => {
  test('default: this month to date, a 30-day chart, all clusters', () => {
    const p = parseOverviewParams({}, NOW);
    expect([iso(p.from), iso(p.to), iso(p.chartFrom)]).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-29T00:00:00.000Z', '2026-10-30T00:00:00.000Z']);
    expect(p).toMatchObject({ cluster: undefined, monthToDate: true, notice: null });
  });

  test('a chosen range: `to` is the last day shown, inclusive', () => {
    const p = parseOverviewParams({ cluster: 'prod', from: '2026-10-01', to: '2026-10-31' }, NOW);
    expect([iso(p.from), iso(p.to), iso(p.chartFrom)]).toEqual(['2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z']);
    expect(p).toMatchObject({ cluster: 'prod', monthToDate: false, notice: null });
  });

  test.each([
    [{ from: '2026-02-31' }, /ignored from="2026-02-31"/],
    [{ from: "2026-11-01'; DROP TABLE cluster;--" }, /ignored from=/],
    [{ to: 'yesterday' }, /ignored to="yesterday"/],
    [{ from: ['2026-13-01', '2026-11-01'] }, /ignored from="2026-13-01"/],
    [{ from: '2026-11-20', to: '2026-11-10' }, /ends before it starts/],
    [{ cluster: 'x'.repeat(300) }, /cluster name/],
  ])('a hostile value falls back with a notice: %j', (search, notice) => {
    const p = parseOverviewParams(search, NOW);
    expect(p.notice).toMatch(notice);
    expect(iso(p.from)).toBe('2026-11-01T00:00:00.000Z');
    expect(iso(p.to)).toBe('2026-11-29T00:00:00.000Z');
    expect(p.cluster).toBeUndefined();
  });

  test('a very long range keeps its last 400 days', () => {
    const p = parseOverviewParams({ from: '1970-01-01', to: '2999-12-31' }, NOW);
    expect(p.notice).toMatch(/longer than 400 days/);
    expect([iso(p.from), iso(p.to)]).toEqual(['2998-11-27T00:00:00.000Z', '3000-01-01T00:00:00.000Z']);
    expect(parseOverviewParams({ to: '9999-12-31' }, NOW).notice).toMatch(/ignored to="9999-12-31"/);
  });
});
