import { describe, expect, test } from 'vitest';
import { classifyChange, type ChangeKind, type RevisionFacts } from '@/lib/delivery';
import { HOUR, lost, rev, T0 } from './revisions';

const R1 = rev(1, { image: 'api:1.0' });
const R2 = rev(2, { image: 'api:1.1' });

describe('classifyChange', () => {
  test.each<[string, RevisionFacts | null, RevisionFacts, RevisionFacts[], ChangeKind]>([
    ['a workload’s first revision is a deployment', null, rev(1), [], 'deployment'],
    ['new image → deployment', R1, rev(2, { image: 'api:1.1' }), [], 'deployment'],
    ['a sidecar added (more images) → deployment', R1, rev(2, { images: ['api:1.0', 'envoy:1.30'] }), [], 'deployment'],
    ['same images in another order → deployment', rev(1, { images: ['a:1', 'b:1'] }), rev(2, { images: ['b:1', 'a:1'] }), [], 'deployment'],
    ['same images, other spec (env, resources) → config', R1, rev(2, { image: 'api:1.0', spec: 's2' }), [], 'config'],
    ['same images and spec, restartedAt set → restart', R1, rev(2, { image: 'api:1.0', restartedAt: '2026-12-01T02:00:00Z' }), [], 'restart'],
    [
      'a second restart (restartedAt moved again) → restart, not a rollback to the first',
      rev(2, { image: 'api:1.0', restartedAt: '2026-12-01T02:00:00Z' }),
      rev(3, { image: 'api:1.0', restartedAt: '2026-12-01T03:00:00Z' }),
      [R1, rev(2, { image: 'api:1.0', restartedAt: '2026-12-01T02:00:00Z' })],
      'restart',
    ],
    ['restart and env change at once → config', R1, rev(2, { image: 'api:1.0', spec: 's2', restartedAt: '2026-12-01T02:00:00Z' }), [], 'config'],
    ['a reused ReplicaSet (revision-history) → rollback', R2, rev(3, { image: 'api:1.0', revisionHistory: [1] }), [R1], 'rollback'],
    ['revision-history wins even with a new-looking template', R2, rev(3, { image: 'api:9', revisionHistory: [1] }), [], 'rollback'],
    ['back to an older template (same hash, new RS) → rollback', R2, rev(3, { image: 'api:1.0' }), [R1, R2], 'rollback'],
    ['back to an older template by spec hash + images (hash differs) → rollback', R2, { ...rev(3, { image: 'api:1.0' }), templateHash: 'other' }, [R1], 'rollback'],
    [
      'rollback to two revisions back, past a config change',
      rev(3, { image: 'api:1.1', spec: 's2' }),
      rev(4, { image: 'api:1.0' }),
      [R1, R2, rev(3, { image: 'api:1.1', spec: 's2' })],
      'rollback',
    ],
    ['a history_lost row never matches', R2, rev(3, { image: 'api:1.0' }), [lost(1)], 'deployment'],
    ['unknown images on the previous revision → deployment', { ...R1, images: null }, rev(2, { image: 'api:1.0' }), [], 'deployment'],
    [
      'StatefulSet rollback: the old ControllerRevision (hash seen as revision 1) bumped to 3 → rollback',
      rev(2, { image: 'db:2' }),
      { ...rev(3, { image: 'db:1' }), templateHash: 'web-abc' },
      [{ ...rev(1, { image: 'db:1' }), templateHash: 'web-abc' }, rev(2, { image: 'db:2' })],
      'rollback',
    ],
    [
      'a reused ControllerRevision whose old number was never stored: created before the previous revision started → rollback',
      rev(2, { image: 'db:2' }),
      rev(3, { image: 'db:1', startedAtMs: T0 }),
      [rev(2, { image: 'db:2' })],
      'rollback',
    ],
    ['started at the same instant as the previous revision is not a reuse', rev(2, { image: 'db:2' }), rev(3, { image: 'db:3', startedAtMs: T0 + 2 * HOUR }), [], 'deployment'],
    ['an unknown start (from revision-history) is no evidence', { ...rev(2, { image: 'db:2' }), startedAtMs: null }, rev(3, { image: 'db:3', startedAtMs: T0 }), [], 'deployment'],
    ['a newer revision with the same template is not "earlier"', R1, rev(2, { image: 'api:1.1' }), [rev(5, { image: 'api:1.1' })], 'deployment'],
  ])('%s', (_what, previous, current, earlier, kind) => {
    expect(classifyChange(previous, current, earlier)).toBe(kind);
  });
});
