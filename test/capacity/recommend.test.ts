// recommendContainer: HPA rule, limit policy, risk, money; aggregateRecommendations. The HPA rule and
// its default follow KRR's allow_hpa (robusta-dev/krr robusta_krr/strategies/simple.py, "HPA detected").
import { describe, expect, test } from 'vitest';
import { aggregateRecommendations } from '../../lib/capacity/aggregate-recommendations';
import { monthlySavingUsd, recommendContainer, type LimitPolicy, type RecommendationRow } from '../../lib/capacity/recommend';
import type { ContainerResources } from '../../lib/capacity/types';
import { HOUR_MS, MIB, NOW_MS, history, steady } from '../fixtures/capacity-history';

const GIB = 1024 * MIB;
const busy = () => history([
  { cpuMillicoresPerHour: steady(200), memoryPeakBytes: 380e6, hoursBack: 48 },
  { cpuMillicoresPerHour: steady(300), memoryPeakBytes: 400e6, hoursBack: 48 },
]);
const res = (cpu: number | null, cpuLimit: number | null, memory: number | null, memoryLimit: number | null): ContainerResources =>
  ({ cpuRequestMillicores: cpu, cpuLimitMillicores: cpuLimit, memoryRequestBytes: memory, memoryLimitBytes: memoryLimit });

describe('recommendContainer (simple)', () => {
  test('a row with the API fields: 1000 m / 1 GiB over-provisioned → 300 m / 439 MiB and a saving', () => {
    const row = recommendContainer(busy(), { strategy: 'simple', nowMs: NOW_MS });
    expect(row.recommended).toEqual(res(300, null, 439 * MIB, 439 * MIB));
    expect(row.usage).toEqual({ cpuP95Millicores: 300, cpuMaxMillicores: 300, memoryPeakBytes: 400e6, samples: 2 * 12 * 48, hours: 48 });
    expect(row.reason).toBeNull();
    // (0.7 core × $0.03 + (1024 − 439)/1024 GiB × $0.004) × 730 h × 2 replicas
    expect(row.monthlySavingUsd).toBeCloseTo((0.7 * 0.03 + (585 / 1024) * 0.004) * 730 * 2, 9);
    expect(row.risk.level).toBe('none');
  });

  test.each<[string, { cpu: boolean; memory: boolean }, boolean, { cpu: boolean; memory: boolean }, RegExp | null]>([
    ['HPA on CPU: no CPU recommendation', { cpu: true, memory: false }, false, { cpu: false, memory: true }, /HPA scales on CPU/],
    ['HPA on memory: no memory recommendation', { cpu: false, memory: true }, false, { cpu: true, memory: false }, /HPA scales on memory/],
    ['HPA on CPU, asked for anyway', { cpu: true, memory: false }, true, { cpu: true, memory: true }, null],
  ])('%s', (_, hpa, includeHpaResources, recommends, reason) => {
    const h = { ...busy(), hpa };
    const row = recommendContainer(h, { strategy: 'simple', nowMs: NOW_MS, includeHpaResources });
    expect(row.recommends).toEqual(recommends);
    if (reason) expect(row.reason).toMatch(reason);
    else expect(row.reason).toBeNull();
    if (!recommends.cpu) expect(row.recommended.cpuRequestMillicores).toBe(h.current.cpuRequestMillicores);
  });

  test('HPA-blocked CPU saves nothing on CPU', () => {
    const row = recommendContainer({ ...busy(), hpa: { cpu: true, memory: false } }, { strategy: 'simple', nowMs: NOW_MS });
    expect(row.monthlySavingUsd).toBeCloseTo((585 / 1024) * 0.004 * 730 * 2, 9);
  });

  test.each<[string, RecommendOptionsPolicy, number | null, number | null]>([
    ['default: CPU unset, memory = request', undefined, null, 439 * MIB],
    ['unset for both', { kind: 'unset' }, null, null],
    ['= request for both', { kind: 'request' }, 300, 439 * MIB],
    ['CPU p100 (the max), memory unset', { cpu: { kind: 'percentile', percentile: 1 }, memory: { kind: 'unset' } }, 300, null],
    ['proportional to today (limit 2× request for CPU, 1× memory)', { kind: 'proportional' }, 600, 439 * MIB],
  ])('limit policy %s', (_, limitPolicy, cpuLimit, memoryLimit) => {
    const row = recommendContainer(busy(), { strategy: 'simple', nowMs: NOW_MS, limitPolicy });
    expect(row.recommended.cpuLimitMillicores).toBe(cpuLimit);
    expect(row.recommended.memoryLimitBytes).toBe(memoryLimit);
  });

  test('not enough data: current kept, no saving, the reason shown', () => {
    const row = recommendContainer(history([{ cpuMillicoresPerHour: steady(100), memoryPeakBytes: 1e8, hoursBack: 2 }]), { strategy: 'simple', nowMs: NOW_MS });
    expect(row.recommended).toEqual(row.current);
    expect(row.monthlySavingUsd).toBe(0);
    expect(row.reason).toMatch(/not enough data/);
  });
});

type RecommendOptionsPolicy = LimitPolicy | { cpu?: LimitPolicy; memory?: LimitPolicy } | undefined;

describe('monthlySavingUsd', () => {
  const prices = { usdPerCoreHour: 0.04, usdPerGiBHour: 0.005, replicas: 3 };
  test.each<[string, ContainerResources, ContainerResources, number]>([
    ['1 core and 1 GiB less, 3 replicas', res(2000, null, 2 * GIB, null), res(1000, null, GIB, null), (0.04 + 0.005) * 730 * 3],
    ['adding a request to an unset one costs money', res(null, null, null, null), res(500, null, GIB / 2, null), -(0.02 + 0.0025) * 730 * 3],
    ['raising a request costs money', res(100, null, GIB, null), res(600, null, GIB, null), -0.02 * 730 * 3],
    ['unchanged → 0', res(250, 500, GIB, GIB), res(250, null, GIB, null), 0],
  ])('%s', (_, current, recommended, expected) => {
    expect(monthlySavingUsd(current, recommended, prices)).toBeCloseTo(expected, 9);
  });
});

describe('risk', () => {
  test.each<[string, Partial<ReturnType<typeof busy>>, string, RegExp]>([
    ['OOM kills → high', { oomKills: [{ atMs: NOW_MS - HOUR_MS, memoryLimitBytes: GIB }] }, 'high', /OOM kill/],
    ['memory peak near the limit → high', { current: res(1000, null, 300 * MIB, 400 * MIB) }, 'high', /90% of the limit/],
    ['CPU p95 above the request → medium', { current: res(250, null, GIB, GIB) }, 'medium', /CPU p95 above the request/],
    ['CPU limit nearly reached → medium (throttled)', { current: res(1000, 320, GIB, GIB) }, 'medium', /throttled/],
    ['7 restarts → medium', { restarts: 7 }, 'medium', /7 restarts/],
    ['2 restarts → low', { restarts: 2 }, 'low', /2 restart/],
    ['no CPU request → low', { current: res(null, null, GIB, GIB) }, 'low', /no CPU request/],
  ])('%s', (_, overrides, level, reason) => {
    const row = recommendContainer({ ...busy(), ...overrides }, { strategy: 'simple', nowMs: NOW_MS });
    expect(row.risk.level).toBe(level);
    expect(row.risk.reasons.join('; ')).toMatch(reason);
  });
});

describe('recommendContainer (vpa)', () => {
  test('bounds bracket the target and the saving follows the target', () => {
    const row = recommendContainer(busy(), { strategy: 'vpa', nowMs: NOW_MS });
    expect(row.bounds?.cpuLowerMillicores).toBeLessThanOrEqual(row.recommended.cpuRequestMillicores ?? 0);
    expect(row.bounds?.cpuUpperMillicores).toBeGreaterThanOrEqual(row.recommended.cpuRequestMillicores ?? 0);
    expect(row.monthlySavingUsd).toBeCloseTo(monthlySavingUsd(row.current, row.recommended, { ...busy() }), 9);
  });
});

describe('aggregateRecommendations', () => {
  const row = (team: string, namespace: string, controllerName: string, monthlySavingUsd: number): RecommendationRow => ({
    ...recommendContainer(busy(), { strategy: 'simple', nowMs: NOW_MS }), team, namespace, controllerName, monthlySavingUsd,
  });
  const rows = [row('a', 'n1', 'web', 10), row('a', 'n1', 'web', 5), row('b', 'n2', 'db', 40), row('c', 'n1', 'api', -3), row('b', 'n1', 'job', 1)];
  test.each<['team' | 'namespace' | 'controller', Array<[string, number, number]>]>([
    ['team', [['b', 41, 2], ['a', 15, 2], ['c', -3, 1]]],
    ['namespace', [['prod/n2', 40, 1], ['prod/n1', 13, 4]]],
    ['controller', [['prod/n2/Deployment/db', 40, 1], ['prod/n1/Deployment/web', 15, 2], ['prod/n1/Deployment/job', 1, 1], ['prod/n1/Deployment/api', -3, 1]]],
  ])('by %s, largest saving first', (by, expected) => {
    expect(aggregateRecommendations(rows, by).map((g) => [g.key, g.monthlySavingUsd, g.containers])).toEqual(expected);
  });
});
