// The real kubectl against the demo cluster: what a user sees in its output, not only exit codes.
// Which kubectl: $KUBECTL, else `kubectl` on PATH; none is a failure, never a skip.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { planBurstNodesAt } from '../../lib/demo/burst';
import { type DemoCluster, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { WEDNESDAY_NOON, list } from './helpers';

const run = promisify(execFile);

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findKubectl(): string | null {
  if (process.env.KUBECTL) return executable(process.env.KUBECTL) ? process.env.KUBECTL : null;
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'kubectl')).find(executable) ?? null;
}

const MISSING = `no kubectl found${process.env.KUBECTL ? ` at KUBECTL=${process.env.KUBECTL}` : ' on PATH'}: install it (\`apt-get install kubernetes-client\`) or set KUBECTL to a kubectl binary`;

const kubectlPath = findKubectl();
let cluster: DemoCluster;
let home: string;

beforeAll(async () => {
  cluster = await startDemoCluster({ clock: fixedClock(WEDNESDAY_NOON), seed: 1, clusterName: 'kubectl-demo' });
  home = mkdtempSync(join(tmpdir(), 'tally-kubectl-'));
});
afterAll(async () => {
  await cluster.close();
  rmSync(home, { recursive: true, force: true });
});

/** kubectl's stdout split into rows of columns (two or more spaces apart). */
async function kubectl(...args: string[]): Promise<{ header: string; rows: string[][]; text: string }> {
  if (!kubectlPath) {
    throw new Error(MISSING);
  }
  // A fresh discovery cache and home: nothing from the machine's own kubeconfig leaks in.
  const env = { NODE_ENV: 'test' as const, PATH: process.env.PATH ?? '', HOME: home, KUBECONFIG: cluster.kubeconfigPath };
  const { stdout } = await run(kubectlPath, [...args, `--cache-dir=${join(home, 'cache')}`], { env, timeout: 30_000 });
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  return { header: lines[0] ?? '', rows: lines.slice(1).map((l) => l.trim().split(/\s{2,}/)), text: stdout };
}

const columns = (header: string) => header.trim().split(/\s{2,}/);

describe(`kubectl (${kubectlPath ?? 'not found'}) reads the demo cluster`, () => {
  test('a kubectl binary is available', () => {
    expect(kubectlPath, MISSING).not.toBeNull();
  });

  test('get nodes -o wide: the real columns, every node with its internal IP', async () => {
    const out = await kubectl('get', 'nodes', '-o', 'wide');
    expect(columns(out.header)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    // The planned nodes and, at Wednesday noon, those the cluster autoscaler added for cart-service's HPA replicas.
    const nodes = [...(cluster.org?.nodes ?? []), ...planBurstNodesAt(cluster.org!, WEDNESDAY_NOON.getTime())];
    expect(nodes.length).toBeGreaterThan(cluster.org?.nodes.length ?? 0);
    expect(out.rows).toHaveLength(nodes.length);
    for (const node of nodes) {
      const row = out.rows.find((r) => r[0] === node.name);
      expect(row, node.name).toBeDefined();
      expect(row?.slice(1, 3)).toEqual(['Ready', '<none>']);
      expect(row?.[5]).toBe(node.internalIp);
      expect(row?.[9]).toMatch(/^containerd:\/\//);
    }
  });

  test('get pods -A --chunk-size=7: every pod, across pages', async () => {
    const before = cluster.requestLog().length;
    const out = await kubectl('get', 'pods', '-A', '--chunk-size=7');
    expect(columns(out.header)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const expected = (await list(cluster, '/api/v1/pods')).items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(out.rows.map((r) => `${r[0]}/${r[1]}`).sort()).toEqual(expected.sort());
    expect(out.rows.some((r) => r[3] === 'Running' && /^\d+\/\d+$/.test(r[2] ?? ''))).toBe(true);
    const pages = cluster.requestLog().slice(before).filter((r) => r.path === '/api/v1/pods' && r.query.includes('limit=7'));
    expect(pages.length).toBe(Math.ceil(expected.length / 7));
  });

  test('get deploy,rs,sts,ds,cronjob -A: one section per kind with its columns', async () => {
    const out = await kubectl('get', 'deploy,rs,sts,ds,cronjob', '-A');
    const headers = out.text.split('\n').filter((l) => l.startsWith('NAMESPACE'));
    expect(headers.map(columns)).toEqual([
      ['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      ['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
      ['NAMESPACE', 'NAME', 'READY', 'AGE'],
      ['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
      ['NAMESPACE', 'NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
    ]);
    for (const w of cluster.org?.workloads ?? []) {
      const prefix = { Deployment: 'deployment.apps', StatefulSet: 'statefulset.apps', DaemonSet: 'daemonset.apps', CronJob: 'cronjob.batch' }[w.kind];
      expect(out.text).toMatch(new RegExp(`^${w.namespace}\\s+${prefix}/${w.name}\\s`, 'm'));
    }
    const checkout = out.rows.find((r) => r[1] === 'deployment.apps/checkout-api');
    expect(checkout?.slice(2, 5)).toEqual(['4/4', '4', '4']);
  });

  test('top nodes and top pods -A: CPU and memory of every node and running pod', async () => {
    const nodes = await kubectl('top', 'nodes');
    expect(columns(nodes.header)).toEqual(['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%']);
    expect(nodes.rows).toHaveLength((cluster.org?.nodes.length ?? -1) + planBurstNodesAt(cluster.org!, WEDNESDAY_NOON.getTime()).length);
    for (const row of nodes.rows) expect(row.slice(1)).toEqual([expect.stringMatching(/^[1-9]\d*m$/), expect.stringMatching(/^\d+%$/), expect.stringMatching(/^[1-9]\d*Mi$/), expect.stringMatching(/^\d+%$/)]);
    const pods = await kubectl('top', 'pods', '-A');
    expect(columns(pods.header)).toEqual(['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const running = (await list(cluster, '/api/v1/pods?fieldSelector=status.phase%3DRunning')).items.length;
    expect(pods.rows).toHaveLength(running);
    for (const row of pods.rows) expect(row.slice(2)).toEqual([expect.stringMatching(/^\d+m$/), expect.stringMatching(/^[1-9]\d*Mi$/)]);
  });

  test('get events -A: scheduling and image pulls of recent pods', async () => {
    const out = await kubectl('get', 'events', '-A');
    expect(columns(out.header)).toEqual(['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    const scheduled = out.rows.find((r) => r[3] === 'Scheduled');
    expect(scheduled?.[4]).toMatch(/^pod\//);
    expect(scheduled?.[5]).toMatch(/^Successfully assigned \S+ to ip-10-0-\d+-\d+\.ec2\.internal$/);
    expect(out.rows.find((r) => r[3] === 'Pulled')?.[5]).toMatch(/^Successfully pulled image "\S+"/);
    expect(out.rows.some((r) => r[3] === 'ScalingReplicaSet' || r[3] === 'SuccessfulCreate')).toBe(true);
  });

  test('api-resources: the served kinds with short names, scope and kind', async () => {
    const out = await kubectl('api-resources');
    expect(columns(out.header)).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    const rows = out.rows.map((r) => r.join(' '));
    for (const line of ['pods po v1 true Pod', 'nodes no v1 false Node', 'deployments deploy apps/v1 true Deployment', 'events ev v1 true Event', 'events ev events.k8s.io/v1 true Event', 'horizontalpodautoscalers hpa autoscaling/v2 true HorizontalPodAutoscaler', 'cronjobs cj batch/v1 true CronJob']) {
      expect(rows).toContain(line);
    }
  });

  test('get hpa -A: the autoscaled Deployments with current and target CPU', async () => {
    const out = await kubectl('get', 'hpa', '-A');
    expect(columns(out.header)).toEqual(['NAMESPACE', 'NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    expect(out.rows.length).toBeGreaterThanOrEqual(3);
    for (const row of out.rows) {
      expect(row[2]).toBe(`Deployment/${row[1]}`);
      expect(row[3]).toMatch(/^\d+%\/\d+%$/);
      expect(Number(row[6])).toBeGreaterThanOrEqual(Number(row[4]));
    }
  });
});
