import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../../lib/db/client';
import { fixedClock, startDemoCluster, type DemoCluster } from '../../lib/demo/server';
import { collectOnce } from '../../lib/ingest/collect-once';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { BACKENDS } from '../helpers/backends';

const NOON = new Date('2026-11-25T12:00:00.000Z');

/** A kubeconfig whose user gets its token from an exec credential plugin (a node one-liner). */
function execKubeconfig(cluster: DemoCluster, token: string): string {
  const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token } });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tally-exec-')), 'kubeconfig');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'exec', cluster: { server: cluster.url, 'certificate-authority-data': Buffer.from(cluster.caPem).toString('base64') } }],
      users: [{ name: 'plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: process.execPath, args: ['-e', `console.log(${JSON.stringify(credential)})`], interactiveMode: 'Never' } } }],
      contexts: [{ name: 'exec', context: { cluster: 'exec', user: 'plugin' } }],
      'current-context': 'exec',
    }),
  );
  return file;
}

describe('collect with an exec credential plugin (the raw list path keeps client-node auth)', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  beforeAll(async () => {
    ({ db, cleanup } = await BACKENDS.find((b) => b.name === 'Postgres')!.open());
    cluster = await startDemoCluster({ seed: 2, clock: fixedClock(NOON) });
  });
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  test("the plugin's token is sent on every page: the scrape is stored", async () => {
    const result = await collectOnce(db, loadKubeConfig({ kubeconfig: execKubeconfig(cluster, cluster.token) }), { cluster: 'exec', pageSize: 20 });
    expect(result.stored).toBe(true);
    expect(result.summary.pods).toBeGreaterThan(20);
  });

  test('a token the server refuses fails with HTTP 401, storing nothing', async () => {
    await expect(
      collectOnce(db, loadKubeConfig({ kubeconfig: execKubeconfig(cluster, 'wrong') }), { cluster: 'refused', pageSize: 20, retries: 0 }),
    ).rejects.toThrow(/listing \S+: HTTP 401/);
    expect(await db.prisma.scrape.count({ where: { cluster: { name: 'refused' } } })).toBe(0);
  });
});
