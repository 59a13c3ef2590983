import { describe, expect, test } from 'vitest';
import { doraTiers, summarizeDelivery, type DeliverySummary, type DoraYear, type Tier } from '@/lib/delivery';

const H = 3600;
const D = 24 * H;
const W = 7 * D;
const M = 30 * D;
const BASE: DeliverySummary = summarizeDelivery({ startMs: 0, endMs: 86_400_000, rollouts: [], podStartupSeconds: [], schedulingWaitSeconds: [], costUsd: null });
const tiers = (over: Partial<DeliverySummary>, year: DoraYear) => doraTiers({ ...BASE, ...over }, year);

describe('DORA tiers: lead time (median; thresholds at the band edges, one month = 30 days)', () => {
  test.each<[DoraYear, number, Tier]>([
    [2024, 0, 'elite'], [2024, D - 1, 'elite'], [2024, D, 'high'], [2024, W, 'high'], [2024, W + 1, 'medium'], [2024, M, 'medium'], [2024, M + 1, 'low'], [2024, 400 * D, 'low'],
    // 2023: medium and low share 1 week–1 month; the band goes to medium, beyond it is low
    [2023, D - 1, 'elite'], [2023, W, 'high'], [2023, M, 'medium'], [2023, M + 1, 'low'],
  ])('%s: %s s → %s', (year, seconds, tier) => expect(tiers({ leadTimeSecondsMedian: seconds }, year).leadTime).toBe(tier));
});

describe('DORA tiers: deployment frequency (deployments per day)', () => {
  test.each<[DoraYear, number, Tier]>([
    [2024, 3, 'elite'], [2024, 1.01, 'elite'], [2024, 1, 'high'], [2024, 1 / 7, 'high'], [2024, 1 / 7 - 1e-6, 'medium'], [2024, 1 / 30, 'medium'], [2024, 1 / 31, 'low'], [2024, 1 / 400, 'low'],
    [2023, 2, 'elite'], [2023, 1 / 7, 'high'], [2023, 1 / 30, 'medium'], [2023, 1 / 60, 'low'],
  ])('%s: %s per day → %s', (year, perDay, tier) => expect(tiers({ deployments: 1, deploymentsPerDay: perDay }, year).deploymentFrequency).toBe(tier));

  test('no deployment in the window → null ("never" and "monthly" look alike)', () => {
    expect(tiers({ deployments: 0, deploymentsPerDay: 0 }, 2024).deploymentFrequency).toBeNull();
  });
});

describe('DORA tiers: change failure rate (point values, nearest; ties to the better tier)', () => {
  test.each<[DoraYear, number, Tier]>([
    // 2024: elite 5%, high 20%, medium 10%, low 40%
    [2024, 0, 'elite'], [2024, 0.07, 'elite'], [2024, 0.075, 'elite'], [2024, 0.08, 'medium'], [2024, 0.1, 'medium'], [2024, 0.149, 'medium'],
    [2024, 0.15, 'high'], [2024, 0.2, 'high'], [2024, 0.3, 'high'], [2024, 0.31, 'low'], [2024, 1, 'low'],
    // 2023: 5%, 10%, 15%, 64%
    [2023, 0.075, 'elite'], [2023, 0.076, 'high'], [2023, 0.125, 'high'], [2023, 0.13, 'medium'], [2023, 0.395, 'medium'], [2023, 0.4, 'low'],
  ])('%s: %s → %s', (year, rate, tier) => expect(tiers({ changeFailureRate: rate }, year).changeFailureRate).toBe(tier));
});

describe('DORA tiers: failed deployment recovery time (median)', () => {
  test.each<[DoraYear, number, Tier]>([
    // 2024: < 1 h, < 1 day, < 1 day, 1 week–1 month: high's band covers medium's; 1 day–1 week falls between bands → low
    [2024, H - 1, 'elite'], [2024, H, 'high'], [2024, D - 1, 'high'], [2024, D, 'low'], [2024, 3 * D, 'low'], [2024, 2 * M, 'low'],
    // 2023: < 1 h, < 1 day, 1 day–1 week, 1–6 months
    [2023, H - 1, 'elite'], [2023, D - 1, 'high'], [2023, D, 'medium'], [2023, W, 'medium'], [2023, W + 1, 'low'],
  ])('%s: %s s → %s', (year, seconds, tier) => expect(tiers({ recoverySecondsMedian: seconds }, year).recoveryTime).toBe(tier));
});

test('absent measures give null tiers, and 2024 is the default year', () => {
  expect(doraTiers(BASE)).toEqual({ deploymentFrequency: null, leadTime: null, changeFailureRate: null, recoveryTime: null });
  const s = { ...BASE, changeFailureRate: 0.15 };
  expect([doraTiers(s).changeFailureRate, doraTiers(s, 2024).changeFailureRate, doraTiers(s, 2023).changeFailureRate]).toEqual(['high', 'high', 'medium']);
});
