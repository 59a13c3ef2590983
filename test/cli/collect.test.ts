import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedClock, startDemoCluster, type DemoCluster } from '../../lib/demo/server';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/postgres';

const BIN = fileURLToPath(new URL('../../lib/cli/bin.cjs', import.meta.url));
const KEYS = ['cluster', 'sampledAt', 'nodes', 'pods', 'containers', 'cpuRequestMillicores', 'memoryRequestBytes', 'cpuUsageMillicores', 'memoryUsageBytes', 'gpuRequests', 'persistentVolumeClaims', 'warnings'];

// The demo server runs in this process, so the CLI must run asynchronously to let it answer.
function tally(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('tally collect --once', () => {
  let cluster: DemoCluster;
  let dataDir: string;
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    cluster = await startDemoCluster({ seed: 11, clock: fixedClock('2026-11-25T12:00:00Z') });
    dataDir = mkdtempSync(path.join(tmpdir(), 'tally-cli-'));
    scratch = await createScratchDatabase('tally_cli');
  });
  afterAll(async () => {
    await cluster?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  });

  test('--json prints one object describing what was stored (embedded database)', async () => {
    const result = await tally(['collect', '--once', '--kubeconfig', cluster.kubeconfigPath, '--json'], { TALLY_DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(KEYS);
    expect(summary).toMatchObject({ cluster: 'tally-demo', sampledAt: '2026-11-25T12:00:00.000Z', warnings: [] });
    expect(summary.pods).toBeGreaterThan(100);
  });

  test('--cluster names the cluster; DATABASE_URL writes to Postgres; a repeat stores nothing', async () => {
    const args = ['collect', '--once', '--kubeconfig', cluster.kubeconfigPath, '--cluster', 'prod-eu'];
    const first = await tally(args, { DATABASE_URL: scratch.url });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^stored prod-eu at 2026-11-25T12:00:00.000Z: \d+ nodes, \d+ pods/);
    const second = await tally(args, { DATABASE_URL: scratch.url });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^already stored, nothing written for prod-eu/);
  });

  test('a missing kubeconfig or unknown context fails with a clear message', async () => {
    const missing = await tally(['collect', '--once', '--kubeconfig', '/nonexistent/kubeconfig'], { TALLY_DATA_DIR: dataDir });
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('tally collect: kubeconfig /nonexistent/kubeconfig does not exist');
    const context = await tally(['collect', '--once', '--kubeconfig', cluster.kubeconfigPath, '--context', 'nope'], { TALLY_DATA_DIR: dataDir });
    expect(context.status).toBe(1);
    expect(context.stderr).toMatch(/context "nope" is not in .* \(contexts: tally-demo\)/);
  });

  test('an unreachable cluster fails non-zero and names the list that failed', async () => {
    const down = await startDemoCluster({ seed: 1 });
    const kubeconfig = down.kubeconfigPath;
    const copy = path.join(dataDir, 'kubeconfig');
    (await import('node:fs')).copyFileSync(kubeconfig, copy);
    await down.close();
    const result = await tally(['collect', '--once', '--kubeconfig', copy, '--timeout-seconds', '2'], { TALLY_DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^tally collect: listing \w+: /);
    expect(result.stderr).not.toMatch(/Bearer|tally-demo\.[0-9a-f]{8}/); // never print the token
  });
});
