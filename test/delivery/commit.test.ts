import { describe, expect, test } from 'vitest';
import { commitOf, DEFAULT_DELIVERY_SETTINGS, parseCommitTime, type CommitInfo } from '@/lib/delivery';

const KEYS = DEFAULT_DELIVERY_SETTINGS.commitTimeKeys;
const AT = Date.UTC(2026, 11, 1, 10, 0, 0);
type A = Record<string, string>;

describe('commitOf', () => {
  test.each<[string, A, A, readonly string[], CommitInfo]>([
    ['tally.dev/commit-time and -sha on the template', { 'tally.dev/commit-time': '2026-12-01T10:00:00Z', 'tally.dev/commit-sha': 'abc' }, {}, KEYS, { sha: 'abc', timeMs: AT, source: 'tally.dev/commit-time' }],
    ['the workload’s annotations when the template has none', {}, { 'tally.dev/commit-time': '2026-12-01T10:00:00Z', 'tally.dev/commit-sha': 'w1' }, KEYS, { sha: 'w1', timeMs: AT, source: 'tally.dev/commit-time' }],
    ['the template wins over the workload', { 'tally.dev/commit-time': '2026-12-01T10:00:00Z' }, { 'tally.dev/commit-time': '2026-11-01T00:00:00Z' }, KEYS, { sha: null, timeMs: AT, source: 'tally.dev/commit-time' }],
    ['time on the template, SHA on the workload', { 'tally.dev/commit-time': '2026-12-01T10:00:00Z' }, { 'tally.dev/commit-sha': 'w2' }, KEYS, { sha: 'w2', timeMs: AT, source: 'tally.dev/commit-time' }],
    ['the SHA comes from the side the time came from', { 'tally.dev/commit-sha': 'tpl' }, { 'tally.dev/commit-time': '2026-12-01T10:00:00Z', 'tally.dev/commit-sha': 'wl' }, KEYS, { sha: 'wl', timeMs: AT, source: 'tally.dev/commit-time' }],
    ['OCI build time + revision (build to production)', { 'org.opencontainers.image.created': '2026-12-01T11:00:00+01:00', 'org.opencontainers.image.revision': 'oci' }, {}, KEYS, { sha: 'oci', timeMs: AT, source: 'org.opencontainers.image.created' }],
    ['tally.dev on the workload beats OCI on the template (key order first)', { 'org.opencontainers.image.created': '2026-11-01T00:00:00Z' }, { 'tally.dev/commit-time': '2026-12-01T10:00:00Z' }, KEYS, { sha: null, timeMs: AT, source: 'tally.dev/commit-time' }],
    ['an unparsable tally.dev time falls through to OCI', { 'tally.dev/commit-time': 'yesterday', 'org.opencontainers.image.created': '2026-12-01T10:00:00Z' }, {}, KEYS, { sha: null, timeMs: AT, source: 'org.opencontainers.image.created' }],
    ['only unparsable times → null time, SHA kept', { 'tally.dev/commit-time': '2026-13-45T99:00:00Z', 'tally.dev/commit-sha': 'abc' }, {}, KEYS, { sha: 'abc', timeMs: null, source: null }],
    ['nothing → all null', {}, {}, KEYS, { sha: null, timeMs: null, source: null }],
    ['an extra configured key', { 'ci.example.com/committed-at': '2026-12-01T10:00:00Z', 'org.opencontainers.image.revision': 'r9' }, {}, [...KEYS, 'ci.example.com/committed-at'], { sha: 'r9', timeMs: AT, source: 'ci.example.com/committed-at' }],
    ['a key not configured is ignored', { 'ci.example.com/committed-at': '2026-12-01T10:00:00Z' }, {}, KEYS, { sha: null, timeMs: null, source: null }],
    ['epoch seconds (git %ct)', { 'tally.dev/commit-time': String(AT / 1000) }, {}, KEYS, { sha: null, timeMs: AT, source: 'tally.dev/commit-time' }],
  ])('%s', (_what, template, workload, keys, expected) => {
    expect(commitOf(template, workload, keys)).toEqual(expected);
  });
});

describe('parseCommitTime', () => {
  test.each<[string | undefined, number | null]>([
    ['2026-12-01T10:00:00Z', AT],
    ['2026-12-01T10:00:00.250Z', AT + 250],
    ['2026-12-01T05:00:00-05:00', AT],
    ['2026-12-01 10:00:00Z', AT],
    ['2026-12-01T10:00:00', null], // no zone: ambiguous
    ['2026-12-01', null],
    ['2026-02-30T10:00:00Z', null],
    ['not a time', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (text, ms) => expect(parseCommitTime(text)).toBe(ms));
});
