import { describe, expect, test } from 'vitest';
import { parseMonthlyPageParams, recentMonths } from '../../app/reports/monthly/params';

const NOW = Date.parse('2026-11-15T10:00:00Z');

describe('the monthly report page’s filters', () => {
  test('defaults: the current UTC month, all clusters, idle its own line', () => {
    expect(parseMonthlyPageParams({}, NOW)).toEqual({ month: '2026-11', cluster: undefined, idle: 'separate', format: 'json', notices: [] });
  });
  test('values from the URL, as the API reads them', () => {
    expect(parseMonthlyPageParams({ month: '2026-09', cluster: 'prod', idle: 'shared' }, NOW)).toMatchObject({ month: '2026-09', cluster: 'prod', idle: 'share', notices: [] });
  });
  test.each([
    [{ month: '2026-13' }, 'ignored month: must be YYYY-MM'],
    [{ month: '2027-01' }, 'ignored month: 2027-01 has not begun'],
    [{ idle: 'sometimes' }, 'ignored idle: must be separate or shared'],
  ])('a bad value is dropped with a notice: %j', (search, notice) => {
    const p = parseMonthlyPageParams(search, NOW);
    expect(p.month).toBe('2026-11');
    expect(p.idle).toBe('separate');
    expect(p.notices).toHaveLength(1);
    expect(p.notices[0]).toContain(notice);
  });
  test('the month picker: the 12 months up to this one, across a year boundary', () => {
    const months = recentMonths(Date.parse('2026-02-03T00:00:00Z'));
    expect(months).toHaveLength(12);
    expect(months.slice(0, 3)).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(months.at(-1)).toBe('2025-03');
  });
});
