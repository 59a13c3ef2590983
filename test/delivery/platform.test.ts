import { describe, expect, test } from 'vitest';
import { bucketOf, bucketValue, toHistogram } from '../../lib/delivery/histogram';
import { matchesClauses, summarizeFirstDeployments, summarizeNodeProvisioning, summarizePodDays, type PodDay } from '../../lib/delivery/platform';

const b = (s: number) => bucketValue(bucketOf(s));
const day = (startup: number[], scheduling: number[], unschedulablePods = 0, unschedulableSeconds = 0): PodDay => ({
  startupBuckets: toHistogram(startup), schedulingBuckets: toHistogram(scheduling), unschedulablePods, unschedulableSeconds,
});

describe('summarizePodDays', () => {
  test.each([
    {
      name: 'no days: every field null, never 0',
      days: [],
      want: { podsStarted: null, podStartupSecondsP50: null, podStartupSecondsP99: null, schedulingWaitSecondsP90: null, unschedulablePods: null, unschedulableSeconds: null },
    },
    {
      name: 'days merged: quantiles of all their pods, unschedulable summed',
      days: [day([1, 2, 3], [0.5, 4, 40], 1, 30), day([10], [1], 2, 90)],
      // startup sorted 1 2 3 10: rank ⌊0.5·3⌋ = 1 → 2; ⌊0.9·3⌋ = 2 → 3; ⌊0.99·3⌋ = 2 → 3.
      want: { podsStarted: 4, podStartupSecondsP50: b(2), podStartupSecondsP90: b(3), podStartupSecondsP99: b(3), schedulingWaitSecondsP50: b(1), schedulingWaitSecondsP90: b(4), unschedulablePods: 3, unschedulableSeconds: 120 },
    },
    {
      name: 'a day whose pods never became Ready: null quantiles, real zero started and unschedulable',
      days: [day([], [])],
      want: { podsStarted: 0, podStartupSecondsP50: null, schedulingWaitSecondsP50: null, unschedulablePods: 0, unschedulableSeconds: 0 },
    },
    {
      name: 'p99 reaches the slow tail of 100 pods',
      days: [day([...Array.from({ length: 99 }, () => 2), 600], [])],
      want: { podsStarted: 100, podStartupSecondsP50: b(2), podStartupSecondsP90: b(2), podStartupSecondsP99: b(2) },
    },
    {
      name: 'p99 of 101 pods with two slow ones is the slow one',
      days: [day([...Array.from({ length: 99 }, () => 2), 600, 600], [])],
      want: { podStartupSecondsP99: b(600) },
    },
  ])('$name', ({ days, want }) => {
    expect(summarizePodDays(days)).toMatchObject(want);
  });
});

describe('summarizeNodeProvisioning', () => {
  test.each([
    { name: 'no nodes: all null', nodes: [], want: { nodesCreated: null, nodesProvisioned: null, nodeProvisioningSecondsP50: null, nodeProvisioningSecondsP90: null } },
    {
      name: 'created → Ready, type-7 quantiles; a node never Ready counts as created only',
      nodes: [{ startMs: 0, endMs: 60_000 }, { startMs: 1_000, endMs: 121_000 }, { startMs: 5_000, endMs: null }],
      want: { nodesCreated: 3, nodesProvisioned: 2, nodeProvisioningSecondsP50: 90, nodeProvisioningSecondsP90: 114 },
    },
    {
      name: 'Ready before created (clock glitch) left out; none left: real zero provisioned, null quantiles',
      nodes: [{ startMs: 10_000, endMs: 5_000 }],
      want: { nodesCreated: 1, nodesProvisioned: 0, nodeProvisioningSecondsP50: null },
    },
    { name: 'Ready at the creation instant: 0 s is a value', nodes: [{ startMs: 7, endMs: 7 }], want: { nodesProvisioned: 1, nodeProvisioningSecondsP50: 0 } },
  ])('$name', ({ nodes, want }) => {
    expect(summarizeNodeProvisioning(nodes)).toMatchObject(want);
  });
});

describe('summarizeFirstDeployments', () => {
  test.each([
    { name: 'no new namespace: all null', spans: [], want: { newNamespaces: null, namespacesDeployed: null, firstDeploymentSecondsMedian: null, firstDeploymentSecondsP90: null } },
    {
      name: 'a namespace still waiting for its first deployment is counted, not timed',
      spans: [{ startMs: 0, endMs: 3_600_000 }, { startMs: 0, endMs: 7_200_000 }, { startMs: 0, endMs: null }],
      want: { newNamespaces: 3, namespacesDeployed: 2, firstDeploymentSecondsMedian: 5400, firstDeploymentSecondsP90: 3600 + 0.9 * 3600 },
    },
    { name: 'none deployed yet', spans: [{ startMs: 0, endMs: null }], want: { newNamespaces: 1, namespacesDeployed: 0, firstDeploymentSecondsMedian: null } },
  ])('$name', ({ spans, want }) => {
    expect(summarizeFirstDeployments(spans)).toMatchObject(want);
  });
});

describe('matchesClauses', () => {
  const row = { cluster: 'acme', namespace: 'shop', team: 'alpha' };
  test.each([
    { name: 'no clauses', clauses: [], want: true },
    { name: 'a matching value', clauses: [{ field: 'team', negated: false, values: ['beta', 'alpha'] }], want: true },
    { name: 'another value', clauses: [{ field: 'namespace', negated: false, values: ['search'] }], want: false },
    { name: 'negated match', clauses: [{ field: 'cluster', negated: true, values: ['acme'] }], want: false },
    { name: 'negated other', clauses: [{ field: 'cluster', negated: true, values: ['other'] }], want: true },
    { name: 'a field the row lacks is ignored', clauses: [{ field: 'controllerKind', negated: false, values: ['x'] }], want: true },
    { name: 'all clauses must pass', clauses: [{ field: 'team', negated: false, values: ['alpha'] }, { field: 'namespace', negated: false, values: ['x'] }], want: false },
  ])('$name', ({ clauses, want }) => {
    expect(matchesClauses(clauses, row)).toBe(want);
  });
});
