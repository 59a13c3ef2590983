import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runDemoClusterCommand } from '../../lib/demo/cli';
import { trustKubeconfigCa } from './helpers';
import { k8sFixture } from '../helpers/fixtures';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) } };
}

describe('tally demo-cluster', () => {
  test('prints the kubeconfig path, serves until stopped, then cleans up', async () => {
    const { out, io } = capture();
    const controller = new AbortController();
    const running = runDemoClusterCommand(['--seed', '3', '--nodes', '6', '--pods', '80', '--cluster-name', 'cli-demo'], { ...io, signal: controller.signal });
    let path = '';
    for (let i = 0; i < 100 && !path; i++) {
      await new Promise((r) => setTimeout(r, 50));
      path = out.find((l) => l.startsWith('kubeconfig: '))?.slice('kubeconfig: '.length) ?? '';
    }
    expect(path).toMatch(/kubeconfig-cli-demo\.yaml$/);
    expect(out.some((l) => l.includes(`npx tally collect --once --kubeconfig ${path}`))).toBe(true);
    const config = readFileSync(path, 'utf8');
    const server = /server: "([^"]+)"/.exec(config)?.[1] ?? '';
    const token = /token: "([^"]+)"/.exec(config)?.[1] ?? '';
    trustKubeconfigCa(config);
    const nodes = (await (await fetch(`${server}/api/v1/nodes`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    // 6 planned nodes and those added for cart-service's HPA replicas at the wall-clock instant.
    expect(nodes.items.length).toBeGreaterThanOrEqual(6);
    expect(nodes.items.length).toBeLessThanOrEqual(6 + 6);
    controller.abort();
    expect(await running).toBe(0);
    expect(existsSync(path)).toBe(false);
    await expect(fetch(`${server}/version`)).rejects.toThrow();
  });

  test('--fixture serves captured objects', async () => {
    const { out, io } = capture();
    const controller = new AbortController();
    const running = runDemoClusterCommand(['--fixture', k8sFixture('doks-and-aws-gpu-nodelist.json'), '--fixture', k8sFixture('aks-nodes-and-pods.json')], { ...io, signal: controller.signal });
    let path = '';
    for (let i = 0; i < 100 && !path; i++) {
      await new Promise((r) => setTimeout(r, 20));
      path = out.find((l) => l.startsWith('kubeconfig: '))?.slice('kubeconfig: '.length) ?? '';
    }
    const config = readFileSync(path, 'utf8');
    const server = /server: "([^"]+)"/.exec(config)?.[1] ?? '';
    const token = /token: "([^"]+)"/.exec(config)?.[1] ?? '';
    trustKubeconfigCa(config);
    const nodes = (await (await fetch(`${server}/api/v1/nodes`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    expect(nodes.items).toHaveLength(8);
    controller.abort();
    expect(await running).toBe(0);
  });

  test('bad arguments → exit code 2 and usage', async () => {
    const { err, io } = capture();
    expect(await runDemoClusterCommand(['--nodes', 'many'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/--nodes must be an integer/);
    expect(err.join('\n')).toMatch(/usage: tally demo-cluster/);
    expect(await runDemoClusterCommand(['--bogus'], io)).toBe(2);
  });
});
