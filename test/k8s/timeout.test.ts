import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../../lib/db/client';
import { collectOnce } from '../../lib/ingest/collect-once';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { BACKENDS } from '../helpers/backends';

describe('a hung API server', () => {
  let server: Server;
  let kubeconfig: string;
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await BACKENDS[0]!.open());
    server = createServer(() => {}); // accepts requests and never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'tally-hung-')), 'kubeconfig');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{name: hung, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: hung, context: {cluster: hung, user: u}}]
current-context: hung
`,
    );
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await cleanup?.();
  });

  test('fails the scrape after the timeout instead of stalling, and stores nothing', async () => {
    const started = Date.now();
    await expect(
      collectOnce(db, loadKubeConfig({ kubeconfig }), { cluster: 'hung', timeoutMs: 300, retries: 1, sleep: async () => {} }),
    ).rejects.toThrow(/listing \w+: timed out/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await db.prisma.scrape.count()).toBe(0);
  });
});
