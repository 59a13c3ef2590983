import { describe, expect, test } from 'vitest';
import { DEFAULT_DELIVERY_SETTINGS, deriveWorkloadRollouts, type RevisionFacts, type RevisionPodSignals, type Rollout } from '@/lib/delivery';
import { DAY, HOUR, lost, MIN, rev, T0, type RevOverrides } from './revisions';

const NOW = T0 + 30 * DAY;
const S = DEFAULT_DELIVERY_SETTINGS;
const derive = (revs: RevisionFacts[], pods: RevisionPodSignals[] = [], workload: Record<string, string> = {}) => deriveWorkloadRollouts(revs, pods, workload, S, NOW);
const pick = (rs: Rollout[], ...keys: (keyof Rollout)[]) => rs.map((r) => Object.fromEntries([['revision', r.revision], ...keys.map((k) => [k, r[k]])]));
const at = (revision: number, offsetMs = 0) => T0 + revision * HOUR + offsetMs; // rev(n) starts at T0 + n h
const commitAt = (ms: number) => ({ templateAnnotations: { 'tally.dev/commit-time': new Date(ms).toISOString() } });

describe('deriveWorkloadRollouts: status and kind', () => {
  test('three image deployments, given in any order, come back revision ascending and succeeded', () => {
    const rs = derive([rev(3), rev(1), rev(2)]);
    expect(pick(rs, 'kind', 'status', 'startedAtMs', 'finishedAtMs', 'failedAtMs')).toEqual(
      [1, 2, 3].map((n) => ({ revision: n, kind: 'deployment', status: 'succeeded', startedAtMs: at(n), finishedAtMs: at(n, 5 * MIN), failedAtMs: null })),
    );
  });

  test('the newest revision not yet complete is progressing', () => {
    expect(pick(derive([rev(1), rev(2, { completedAtMs: null })]), 'status', 'finishedAtMs').at(-1)).toEqual({ revision: 2, status: 'progressing', finishedAtMs: null });
  });

  test('ProgressDeadlineExceeded fails it, and a failed rollout never finishes (even if it completes later)', () => {
    const rs = derive([rev(1), rev(2, { deadlineExceededAtMs: at(2, 10 * MIN), completedAtMs: at(2, 40 * MIN) })]);
    expect(pick(rs, 'status', 'failureReason', 'failedAtMs', 'finishedAtMs', 'leadTimeSeconds')[1]).toEqual({
      revision: 2, status: 'failed', failureReason: 'ProgressDeadlineExceeded', failedAtMs: at(2, 10 * MIN), finishedAtMs: null, leadTimeSeconds: null,
    });
  });

  test('kubectl rollout undo (a reused ReplicaSet with revision-history) within the failure window fails the undone revision', () => {
    const rs = derive([rev(1, { image: 'api:1' }), rev(2, { image: 'api:2' }), rev(3, { image: 'api:1', revisionHistory: [1] })]);
    expect(pick(rs, 'kind', 'status', 'failureReason', 'failedAtMs', 'recoveredAtMs', 'recoverySeconds')).toEqual([
      { revision: 1, kind: 'deployment', status: 'succeeded', failureReason: null, failedAtMs: null, recoveredAtMs: null, recoverySeconds: null },
      { revision: 2, kind: 'deployment', status: 'failed', failureReason: 'RolledBack', failedAtMs: at(3), recoveredAtMs: at(3, 5 * MIN), recoverySeconds: (HOUR + 5 * MIN) / 1000 },
      { revision: 3, kind: 'rollback', status: 'succeeded', failureReason: null, failedAtMs: null, recoveredAtMs: null, recoverySeconds: null },
    ]);
  });

  test.each([
    ['exactly at the failure window: failed', S.failureWindowMs, 'failed'],
    ['one minute past it: the rollback is a change of mind, not a failure', S.failureWindowMs + MIN, 'succeeded'],
  ])('rolled back %s', (_what, afterMs, status) => {
    const rs = derive([rev(1, { image: 'api:1' }), rev(2, { image: 'api:2' }), rev(3, { image: 'api:1', startedAtMs: at(2, afterMs) })]);
    expect(rs.map((r) => [r.kind, r.status])).toEqual([['deployment', 'succeeded'], ['deployment', status], ['rollback', 'succeeded']]);
  });

  test('a rollback to an older revision (two back, a new ReplicaSet with its template) fails only the one it replaced', () => {
    const rs = derive([rev(1, { image: 'api:1' }), rev(2, { image: 'api:2' }), rev(3, { image: 'api:2', spec: 's2' }), rev(4, { image: 'api:1' })]);
    expect(rs.map((r) => [r.revision, r.kind, r.status])).toEqual([[1, 'deployment', 'succeeded'], [2, 'deployment', 'succeeded'], [3, 'config', 'failed'], [4, 'rollback', 'succeeded']]);
  });

  test.each<[string, Partial<RevisionPodSignals>, string, string | null]>([
    ['CrashLoopBackOff 10 min after start', { crashLoopAtMs: at(2, 10 * MIN) }, 'failed', 'CrashLoopBackOff'],
    ['CrashLoopBackOff at exactly 30 min', { crashLoopAtMs: at(2, 30 * MIN) }, 'failed', 'CrashLoopBackOff'],
    ['CrashLoopBackOff at 31 min: outside the crash window', { crashLoopAtMs: at(2, 31 * MIN) }, 'succeeded', null],
    ['a third restart 20 min after start', { restarts3AtMs: at(2, 20 * MIN) }, 'failed', 'Restarts'],
    ['restarts before crash loop: the earliest names the reason', { restarts3AtMs: at(2, 5 * MIN), crashLoopAtMs: at(2, 8 * MIN) }, 'failed', 'Restarts'],
    ['a crash before this revision started (old pods of a reused template) does not count', { crashLoopAtMs: at(2, -MIN) }, 'succeeded', null],
  ])('pods: %s', (_what, signal, status, reason) => {
    const rs = derive([rev(1), rev(2)], [{ revision: 2, crashLoopAtMs: null, restarts3AtMs: null, ...signal }, { revision: 1, crashLoopAtMs: at(2, MIN), restarts3AtMs: null }]);
    expect(rs.map((r) => [r.status, r.failureReason])).toEqual([['succeeded', null], [status, reason]]);
  });

  test('one entry per pod: an old pod of a reused template crash-looped before the start, a new one inside the window → failed', () => {
    const rs = derive([rev(1), rev(2)], [
      { revision: 2, crashLoopAtMs: at(2, -2 * HOUR), restarts3AtMs: at(2, -HOUR) },
      { revision: 2, crashLoopAtMs: null, restarts3AtMs: at(2, 12 * MIN) },
    ]);
    expect(rs[1]).toMatchObject({ status: 'failed', failureReason: 'Restarts', failedAtMs: at(2, 12 * MIN) });
  });

  test('a crash-looping revision that is rolled back: failed by the earlier signal, recovered by the rollback', () => {
    const rs = derive([rev(1, { image: 'api:1' }), rev(2, { image: 'api:2' }), rev(3, { image: 'api:1', revisionHistory: [1], startedAtMs: at(2, 20 * MIN) })], [
      { revision: 2, crashLoopAtMs: at(2, 3 * MIN), restarts3AtMs: null },
    ]);
    expect(pick(rs, 'status', 'failureReason', 'failedAtMs', 'recoverySeconds')[1]).toEqual({ revision: 2, status: 'failed', failureReason: 'CrashLoopBackOff', failedAtMs: at(2, 3 * MIN), recoverySeconds: 25 * 60 });
  });
});

describe('deriveWorkloadRollouts: overlap, gaps, history', () => {
  test('overlapping rollouts: the one overtaken before it finished is succeeded but never finished, so it is never counted', () => {
    const rs = derive([rev(1, commitAt(T0)), rev(2, { completedAtMs: null, ...commitAt(T0) }), rev(3, { startedAtMs: at(2, 2 * MIN) })]);
    expect(pick(rs, 'status', 'finishedAtMs', 'supersededAtMs', 'leadTimeSeconds')[1]).toEqual({ revision: 2, status: 'succeeded', finishedAtMs: null, supersededAtMs: at(2, 2 * MIN), leadTimeSeconds: null });
    expect(rs[2]).toMatchObject({ status: 'succeeded', finishedAtMs: at(2, 7 * MIN), supersededAtMs: null });
  });

  test('overtaken by an immediate rollback: failed (RolledBack), not superseded', () => {
    const rs = derive([rev(1, { image: 'api:1' }), rev(2, { image: 'api:2', completedAtMs: null }), rev(3, { image: 'api:1', revisionHistory: [1], startedAtMs: at(2, 3 * MIN) })]);
    expect(pick(rs, 'status', 'failureReason', 'supersededAtMs', 'recoveredAtMs')[1]).toEqual({ revision: 2, status: 'failed', failureReason: 'RolledBack', supersededAtMs: null, recoveredAtMs: at(2, 8 * MIN) });
  });

  test('the result does not depend on the order of the rows', () => {
    const revs = [rev(1, { image: 'api:1' }), rev(2, { image: 'api:2', deadlineExceededAtMs: at(2, MIN) }), lost(3), rev(4, { image: 'api:1', revisionHistory: [1] }), rev(5, { image: 'api:3' }), rev(6, { completedAtMs: null })];
    expect(derive([...revs].reverse())).toEqual(derive(revs));
    expect(derive([revs[3], revs[0], revs[5], revs[2], revs[1], revs[4]] as RevisionFacts[])).toEqual(derive(revs));
  });

  test('recovery skips failed and overtaken revisions: it is the finish of the next that did neither', () => {
    const rs = derive([rev(1), rev(2, { deadlineExceededAtMs: at(2, 10 * MIN) }), rev(3, { deadlineExceededAtMs: at(3, 10 * MIN) }), rev(4, { completedAtMs: null }), rev(5)]);
    expect(pick(rs, 'status', 'recoveredAtMs', 'recoverySeconds').slice(1, 3)).toEqual([
      { revision: 2, status: 'failed', recoveredAtMs: at(5, 5 * MIN), recoverySeconds: (3 * HOUR + 5 * MIN) / 1000 },
      { revision: 3, status: 'failed', recoveredAtMs: at(5, 5 * MIN), recoverySeconds: (2 * HOUR + 5 * MIN) / 1000 },
    ]);
  });

  test('not yet recovered: a failed newest revision, or one followed by a revision still progressing', () => {
    expect(derive([rev(1), rev(2, { deadlineExceededAtMs: at(2, MIN) })])[1]).toMatchObject({ status: 'failed', recoveredAtMs: null, recoverySeconds: null });
    expect(derive([rev(1, { deadlineExceededAtMs: at(1, MIN) }), rev(2, { completedAtMs: null })])[0]).toMatchObject({ recoveredAtMs: null });
  });

  test('rework: deployments within the failure window after a failed deployment (not the rollback, not later ones)', () => {
    const rs = derive([
      rev(1, { image: 'api:1' }),
      rev(2, { image: 'api:2', deadlineExceededAtMs: at(2, 10 * MIN) }),
      rev(3, { image: 'api:1', revisionHistory: [1] }),
      rev(4, { image: 'api:3' }),
      rev(5, { image: 'api:4', startedAtMs: at(2, DAY + MIN) }),
    ]);
    expect(rs.map((r) => [r.revision, r.kind, r.rework])).toEqual([[1, 'deployment', false], [2, 'deployment', false], [3, 'rollback', false], [4, 'deployment', true], [5, 'deployment', false]]);
  });

  test('history_lost rows give no rollout and no rollback evidence, and the next rollout is judged against the last known one', () => {
    const rs = derive([rev(1, { image: 'api:1' }), lost(2), rev(3, { image: 'api:1', spec: 's2' })]);
    expect(rs.map((r) => [r.revision, r.kind, r.status, r.historyLost])).toEqual([[1, 'deployment', 'succeeded', false], [3, 'config', 'succeeded', true]]);
  });

  test('a real row beats a history_lost placeholder of the same revision', () => {
    expect(derive([lost(2), rev(1), rev(2)]).map((r) => r.revision)).toEqual([1, 2]);
  });

  test('a revision known only from revision-history (start unknown) is not failed by time windows and counts nowhere', () => {
    const rs = derive([rev(1, { startedAtMs: null, fromHistory: true, image: 'api:1' }), rev(2, { image: 'api:2' }), rev(3, { image: 'api:1', revisionHistory: [1] })]);
    expect(pick(rs, 'status', 'finishedAtMs')[0]).toEqual({ revision: 1, status: 'succeeded', finishedAtMs: null });
  });

  test('a StatefulSet rollback: the old ControllerRevision renumbered 1 → 3 (same hash) is a rollback and fails the revision it undid', () => {
    const cr = (n: number, image: string, hash: string, over: RevOverrides = {}) => ({ ...rev(n, { image, ...over }), templateHash: hash });
    const rs = derive([cr(1, 'db:1', 'db-abc'), cr(2, 'db:2', 'db-def', { completedAtMs: null }), cr(3, 'db:1', 'db-abc', { startedAtMs: at(2, 20 * MIN) })]);
    expect(pick(rs, 'kind', 'status', 'failureReason', 'recoveredAtMs')).toEqual([
      { revision: 1, kind: 'deployment', status: 'succeeded', failureReason: null, recoveredAtMs: null },
      { revision: 2, kind: 'deployment', status: 'failed', failureReason: 'RolledBack', recoveredAtMs: at(2, 25 * MIN) },
      { revision: 3, kind: 'rollback', status: 'succeeded', failureReason: null, recoveredAtMs: null },
    ]);
  });

  test('rollouts overlapping twice: each overtaken one is superseded by the next start, only the last finishes and counts', () => {
    const rs = derive([rev(1), rev(2, { completedAtMs: null }), rev(3, { startedAtMs: at(2, MIN), completedAtMs: null }), rev(4, { startedAtMs: at(2, 2 * MIN) })]);
    expect(pick(rs, 'kind', 'status', 'finishedAtMs', 'supersededAtMs')).toEqual([
      { revision: 1, kind: 'deployment', status: 'succeeded', finishedAtMs: at(1, 5 * MIN), supersededAtMs: null },
      { revision: 2, kind: 'deployment', status: 'succeeded', finishedAtMs: null, supersededAtMs: at(2, MIN) },
      { revision: 3, kind: 'deployment', status: 'succeeded', finishedAtMs: null, supersededAtMs: at(2, 2 * MIN) },
      { revision: 4, kind: 'deployment', status: 'succeeded', finishedAtMs: at(2, 7 * MIN), supersededAtMs: null },
    ]);
  });

  test('a workload deleted and recreated under the same name is another uid: revision 1 starts afresh and the histories do not meet', () => {
    const byUid: Record<string, RevisionFacts[]> = {
      'uid-old': [rev(1, { image: 'api:1' }), rev(2, { image: 'api:2' }), rev(3, { image: 'api:3' })],
      'uid-new': [rev(1, { image: 'api:2', startedAtMs: at(3, DAY) }), rev(2, { image: 'api:1', startedAtMs: at(3, DAY + HOUR) })],
    };
    const rollouts = Object.fromEntries(Object.entries(byUid).map(([uid, revs]) => [uid, derive(revs).map((r) => [r.revision, r.kind, r.status])]));
    expect(rollouts).toEqual({
      'uid-old': [[1, 'deployment', 'succeeded'], [2, 'deployment', 'succeeded'], [3, 'deployment', 'succeeded']],
      'uid-new': [[1, 'deployment', 'succeeded'], [2, 'deployment', 'succeeded']],
    });
  });
});

describe('deriveWorkloadRollouts: lead time', () => {
  test.each<[string, RevOverrides, Record<string, string>, number | null]>([
    ['commit 2 h before the finish', commitAt(at(2, -2 * HOUR + 5 * MIN)), {}, 2 * 3600],
    ['commit time on the workload only', {}, { 'tally.dev/commit-time': new Date(at(2, -HOUR)).toISOString() }, 65 * 60],
    ['OCI build time (build to production)', { templateAnnotations: { 'org.opencontainers.image.created': new Date(at(2, -10 * MIN)).toISOString() } }, {}, 15 * 60],
    ['clock skew: the commit stamped 2 min after the API server saw it finish → clamped to 0', commitAt(at(2, 7 * MIN)), {}, 0],
    ['clock skew: a CI clock hours ahead (commit a day after the finish) → clamped to 0, still a sample', commitAt(at(2, DAY)), {}, 0],
    ['committed after the rollout started, before it finished (a skewed start) → the part before the finish', commitAt(at(2, 2 * MIN)), {}, 3 * 60],
    ['no commit time → left out', {}, {}, null],
    ['a failed deployment has none', { ...commitAt(at(2, -HOUR)), deadlineExceededAtMs: at(2, 10 * MIN) }, {}, null],
    ['a config change has none (only deployments)', { ...commitAt(at(2, -HOUR)), image: 'app:1', spec: 's2' }, {}, null],
  ])('%s', (_what, over, workload, seconds) => {
    const rs = derive([rev(1), rev(2, over)], [], workload);
    expect(rs[1]?.leadTimeSeconds).toBe(seconds);
  });

  test('commit and images are carried onto the rollout', () => {
    const [r] = derive([rev(1, { images: ['api:1', 'envoy:1'], templateAnnotations: { 'tally.dev/commit-sha': 'abc123' } })]);
    expect([r?.commit, r?.images]).toEqual([{ sha: 'abc123', timeMs: null, source: null }, ['api:1', 'envoy:1']]);
  });
});
