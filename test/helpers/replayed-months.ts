import { afterAll, beforeAll } from 'vitest';
import { DEFAULT_CONFIG, type TallyConfig } from '../../lib/config';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import type { DemoCluster } from '../../lib/demo/server';
import { setConfigSource } from '../../lib/settings/current';
import { setClock } from '../../lib/util/clock';
import type { TestBackend } from './backends';
import { replayDemo } from './replay';

/**
 * For one describe block: a migrated database of `backend` holding the demo replayed over each
 * span, installed as the process's database, the clock at `now` and the config `config()`
 * returns (read on every use, so a test can change it); all undone after the block. `seed`
 * (`setup`) runs once the spans are stored. Returns the database.
 */
export function replayedMonths(
  backend: TestBackend,
  spans: readonly { from: Date; to: Date }[],
  o: { now: Date; config: () => TallyConfig; seed?: number; cluster?: string; setup?: (db: Database) => Promise<void> },
): () => Database {
  let db: Database | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  const clusters: DemoCluster[] = [];
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    for (const span of spans) clusters.push(await replayDemo(db, span.from, span.to, o.seed, o.cluster));
    setDatabase(db);
    setClock(() => o.now);
    setConfigSource({ current: o.config });
    await o.setup?.(db);
  }, 240_000);
  afterAll(async () => {
    setClock(null);
    setConfigSource({ current: () => DEFAULT_CONFIG });
    for (const c of clusters) await c.close();
    await cleanup?.();
  });
  return () => db!;
}
