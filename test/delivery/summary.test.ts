import { describe, expect, test } from 'vitest';
import { DEFAULT_DELIVERY_SETTINGS, deriveWorkloadRollouts, quantile, summarizeDelivery, type DeliveryInput, type SummaryRollout } from '@/lib/delivery';
import { bucketOf, bucketValue, toHistogram } from '@/lib/delivery/histogram';
import { DAY, HOUR, MIN, rev, T0 } from './revisions';

describe('quantile (linear interpolation between closest ranks)', () => {
  test.each<[number[], number, number | null]>([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[4, 1, 3, 2], 0.5, 2.5], // order does not matter
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[10, 20], 0, 10],
    [[10, 20], 1, 20],
    [[10, 20], 0.25, 12.5],
  ])('%j q=%s → %s', (values, q, expected) => {
    const got = quantile(values, q);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 12);
  });

  test.each([-0.1, 1.5, Number.NaN])('q=%s is a RangeError', (q) => expect(() => quantile([1], q)).toThrow(RangeError));
});

const START = T0;
const END = T0 + 7 * DAY;
const r = (over: Partial<SummaryRollout>): SummaryRollout => ({
  kind: 'deployment', status: 'succeeded', startedAtMs: T0 + DAY, finishedAtMs: T0 + DAY + 10 * MIN, failedAtMs: null,
  leadTimeSeconds: null, recoverySeconds: null, rework: false, ...over,
});
const input = (rollouts: SummaryRollout[], over: Partial<DeliveryInput> = {}): DeliveryInput => ({
  startMs: START, endMs: END, rollouts, podStartupSeconds: [], schedulingWaitSeconds: [], costUsd: null, ...over,
});

describe('summarizeDelivery: what counts in the window [start, end)', () => {
  test.each<[string, SummaryRollout, number]>([
    ['finished inside', r({}), 1],
    ['finished exactly at start', r({ finishedAtMs: START }), 1],
    ['finished exactly at end (excluded)', r({ finishedAtMs: END }), 0],
    ['started before, finished inside', r({ startedAtMs: START - DAY, finishedAtMs: START + MIN }), 1],
    ['started inside, finishes after', r({ finishedAtMs: END + MIN }), 0],
    ['failed inside (by failedAt)', r({ status: 'failed', finishedAtMs: null, failedAtMs: START + HOUR }), 1],
    ['failed after the window although started inside', r({ status: 'failed', finishedAtMs: null, failedAtMs: END + HOUR }), 0],
    ['progressing', r({ status: 'progressing', finishedAtMs: null }), 0],
    ['overtaken (succeeded, never finished)', r({ finishedAtMs: null }), 0],
  ])('%s', (_what, rollout, deployments) => {
    expect(summarizeDelivery(input([rollout])).deployments).toBe(deployments);
  });
});

describe('summarizeDelivery: the keys', () => {
  const rollouts: SummaryRollout[] = [
    r({ leadTimeSeconds: 600, finishedAtMs: T0 + DAY, startedAtMs: T0 + DAY - 10 * MIN }),
    r({ leadTimeSeconds: 1800, finishedAtMs: T0 + 2 * DAY, startedAtMs: T0 + 2 * DAY - 20 * MIN }),
    r({ leadTimeSeconds: null, finishedAtMs: T0 + 3 * DAY, startedAtMs: T0 + 3 * DAY - 10 * MIN, rework: true }),
    r({ status: 'failed', finishedAtMs: null, failedAtMs: T0 + 4 * DAY, leadTimeSeconds: null, recoverySeconds: 3600 }),
    r({ kind: 'config', finishedAtMs: T0 + DAY, startedAtMs: T0 + DAY - 2 * MIN }),
    r({ kind: 'restart', finishedAtMs: T0 + DAY, startedAtMs: T0 + DAY - MIN }),
    r({ kind: 'restart', finishedAtMs: T0 + DAY, startedAtMs: T0 + DAY - MIN }),
    r({ kind: 'rollback', finishedAtMs: T0 + 4 * DAY + HOUR, startedAtMs: T0 + 4 * DAY + HOUR - 5 * MIN }),
    r({ kind: 'config', status: 'failed', finishedAtMs: null, failedAtMs: T0 + 5 * DAY }), // a failed config change: counted as config, not in CFR
  ];
  const s = summarizeDelivery(input(rollouts, { costUsd: 70, podStartupSeconds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], schedulingWaitSeconds: [0, 10] }));

  test('counts per kind; only deployments in frequency, CFR, rework and cost per deployment', () => {
    expect(s).toMatchObject({
      deployments: 4, deploymentsPerDay: 4 / 7, configChanges: 2, restarts: 2, rollbacks: 1, failedDeployments: 1,
      changeFailureRate: 1 / 4, reworkRate: 1 / 4, costUsd: 70, costPerDeploymentUsd: 70 / 4,
    });
  });

  test('lead time over succeeded deployments with a commit time; samples counted', () => {
    expect([s.leadTimeSecondsMedian, s.leadTimeSecondsP90, s.leadTimeSamples]).toEqual([1200, 600 + 0.9 * 1200, 2]);
  });

  test('recovery over failed deployments; rollout duration over every kind that finished', () => {
    expect(s.recoverySecondsMedian).toBe(3600);
    // durations (s): 600, 1200, 600, 120, 60, 60, 300 → sorted 60 60 120 300 600 600 1200; p90 at rank 5.4
    expect(s.rolloutSecondsMedian).toBe(300);
    expect(s.rolloutSecondsP90).toBeCloseTo(600 + 0.4 * 600, 9);
  });

  test('platform percentiles', () => {
    expect([s.podStartupSecondsP50, s.podStartupSecondsP90, s.schedulingWaitSecondsP90]).toEqual([5.5, 9.1, 9]);
  });

  test.each([
    ['raw samples', { podStartupSeconds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], schedulingWaitSeconds: [0, 10] }, [5.5, 9.1, 9]],
    ['histograms', { podStartupHistogram: toHistogram([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), schedulingWaitHistogram: toHistogram([0, 10]) },
      [bucketValue(bucketOf(5)), bucketValue(bucketOf(9)), bucketValue(bucketOf(0))]],
    ['a histogram wins over raw samples', { podStartupHistogram: toHistogram([2]), podStartupSeconds: [100], schedulingWaitHistogram: [] }, [bucketValue(bucketOf(2)), bucketValue(bucketOf(2)), null]],
    ['empty histograms → null', { podStartupHistogram: [], schedulingWaitHistogram: [0, 0] }, [null, null, null]],
  ] as const)('pod figures from %s', (_name, over, expected) => {
    const h = summarizeDelivery(input([], over));
    expect([h.podStartupSecondsP50, h.podStartupSecondsP90, h.schedulingWaitSecondsP90]).toEqual(expected);
  });

  test('nothing to measure → null, never 0 (counts stay real zeros)', () => {
    expect(summarizeDelivery(input([r({ kind: 'config' })], { costUsd: 12 }))).toEqual({
      deployments: 0, deploymentsPerDay: 0, configChanges: 1, restarts: 0, rollbacks: 0, failedDeployments: 0,
      changeFailureRate: null, reworkRate: null, leadTimeSecondsMedian: null, leadTimeSecondsP90: null, leadTimeSamples: 0,
      recoverySecondsMedian: null, rolloutSecondsMedian: 600, rolloutSecondsP90: 600, podStartupSecondsP50: null, podStartupSecondsP90: null,
      schedulingWaitSecondsP90: null, costUsd: 12, costPerDeploymentUsd: null,
    });
    expect(summarizeDelivery(input([r({})])).costPerDeploymentUsd).toBeNull(); // no cost known
  });

  test('an empty window is a RangeError', () => expect(() => summarizeDelivery(input([], { endMs: START }))).toThrow(RangeError));
});

describe('reference cases in the manner of DORA Four Keys', () => {
  // Four Keys: deployments = successful changes to production; lead time = median(deployed − commit);
  // change failure rate = deployments that caused a failure ÷ deployments; time to restore = median.
  test('a week of one service: 5 deploys, one fails and is rolled back, the fix ships', () => {
    const commit = (ms: number) => ({ 'tally.dev/commit-time': new Date(ms).toISOString() });
    const day = (n: number, h = 10) => T0 + n * DAY + h * HOUR;
    const revisions = [
      rev(1, { image: 'svc:1', startedAtMs: day(0), completedAtMs: day(0) + 5 * MIN, templateAnnotations: commit(day(0) - HOUR) }),
      rev(2, { image: 'svc:2', startedAtMs: day(1), completedAtMs: day(1) + 5 * MIN, templateAnnotations: commit(day(1) - 3 * HOUR) }),
      rev(3, { image: 'svc:3', startedAtMs: day(2), completedAtMs: day(2) + 5 * MIN, templateAnnotations: commit(day(2) - 2 * HOUR) }),
      rev(4, { image: 'svc:2', revisionHistory: [2], startedAtMs: day(2, 11), completedAtMs: day(2, 11) + 5 * MIN }),
      rev(5, { image: 'svc:4', startedAtMs: day(3), completedAtMs: day(3) + 5 * MIN, templateAnnotations: commit(day(3) - 4 * HOUR) }),
      rev(6, { image: 'svc:5', startedAtMs: day(5), completedAtMs: day(5) + 5 * MIN, templateAnnotations: commit(day(5) - 30 * MIN) }),
    ];
    const rollouts = deriveWorkloadRollouts(revisions, [], {}, DEFAULT_DELIVERY_SETTINGS, T0 + 7 * DAY);
    const s = summarizeDelivery(input(rollouts));
    expect(s).toMatchObject({
      deployments: 5, rollbacks: 1, failedDeployments: 1, changeFailureRate: 0.2,
      leadTimeSamples: 4, leadTimeSecondsMedian: (HOUR + 5 * MIN + 3 * HOUR + 5 * MIN) / 2 / 1000, // of 35 min, 1 h 5, 3 h 5, 4 h 5
      recoverySecondsMedian: (HOUR + 5 * MIN) / 1000, reworkRate: 1 / 5, // svc:4 ships exactly 24 h after svc:3 failed
    });
  });
});
