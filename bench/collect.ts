// Collection benchmark: the simulated cluster at 1,000 nodes / 30,000 pods (in its own
// process), then alternately the floor (fetch + parse the same pages) and one full
// `collect --once` into Postgres, each in a fresh Node process. Medians and the ratio to the
// floor measured in this same run go to BENCHMARKS.md.
import { spawn, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '../test/helpers/postgres';
import { openDatabase } from '../lib/db/client';
import { applyMigrations } from '../lib/db/migrate';
import { writeBenchmarkSection } from './report';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const nodes = Number(process.env.BENCH_NODES ?? 1000);
const pods = Number(process.env.BENCH_PODS ?? 30000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function runChild(script: string, args: string[]): { workMs: number; wallMs: number; maxRssMb: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
  const report = JSON.parse(result.stdout.trim().split('\n').pop()!) as { workMs: number; maxRssMb: number };
  return { ...report, wallMs };
}

const server = spawn(process.execPath, ['lib/cli/bin.cjs', 'demo-cluster', '--port', '0', '--seed', '1', '--nodes', String(nodes), '--pods', String(pods)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const kubeconfig = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /kubeconfig: (\S+)/.exec(out);
    if (match) resolve(match[1]!);
  });
  server.on('exit', (code) => reject(new Error(`demo-cluster exited with ${code}`)));
});

const scratch = await createScratchDatabase('tally_bench');
const db = await openDatabase({ databaseUrl: scratch.url });
await db.session((s) => applyMigrations(s));
await db.close();

const loadBefore = loadavg()[0]!;
const floor: ReturnType<typeof runChild>[] = [];
const collect: ReturnType<typeof runChild>[] = [];
let rows = 0;
try {
  runChild('bench/floor-child.ts', [kubeconfig]); // warm the server's caches and the OS
  for (let i = 0; i < runs; i++) {
    floor.push(runChild('bench/floor-child.ts', [kubeconfig]));
    const c = runChild('bench/collect-child.ts', [kubeconfig, scratch.url, `bench-${i}`]);
    rows = (c as unknown as { rows: number }).rows;
    collect.push(c);
    console.error(`run ${i + 1}/${runs}: floor ${floor[i]!.workMs.toFixed(0)} ms, collect ${c.workMs.toFixed(0)} ms, ${c.maxRssMb.toFixed(0)} MB`);
  }
} finally {
  server.kill('SIGTERM');
  await scratch.drop();
}

const floorMs = median(floor.map((r) => r.workMs));
const collectMs = median(collect.map((r) => r.workMs));
const lines = [
  `## Collection (\`npm run bench:collect\`)`,
  '',
  `Simulated cluster: ${nodes} nodes, ${pods} pods (separate process); Postgres ${'15'} on 127.0.0.1; ${runs} runs, medians; page size 500.`,
  `Measured ${new Date().toISOString().slice(0, 10)} on this machine (2 cores, shared: 1-minute load average ${loadBefore.toFixed(2)} before the runs, ${loadavg()[0]!.toFixed(2)} after).`,
  'Rollout objects (Deployments, ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions; Argo Rollouts is a 404 on the demo) are in both the floor and the collect.',
  "The floor fetches every list the collector reads (lib/k8s/list-request.ts LISTS) through the collector's own request path (client-node's auth and fetch, one JSON.parse per page) and keeps nothing.",
  '',
  '| measure | floor: fetch + parse only | collect --once into Postgres | ratio |',
  '|---|---|---|---|',
  `| work time (median) | ${floorMs.toFixed(0)} ms | ${collectMs.toFixed(0)} ms | **${(collectMs / floorMs).toFixed(2)}×** |`,
  `| process wall time (median) | ${median(floor.map((r) => r.wallMs)).toFixed(0)} ms | ${median(collect.map((r) => r.wallMs)).toFixed(0)} ms | ${(median(collect.map((r) => r.wallMs)) / median(floor.map((r) => r.wallMs))).toFixed(2)}× |`,
  `| peak RSS (max of runs) | ${Math.max(...floor.map((r) => r.maxRssMb)).toFixed(0)} MB | **${Math.max(...collect.map((r) => r.maxRssMb)).toFixed(0)} MB** | |`,
  '',
  `Rows written per collect: ${rows}. Targets: ≤ 2× the floor, ≤ 400 MB RSS.`,
  `Peak RSS per collect run: ${collect.map((r) => r.maxRssMb.toFixed(0)).join(', ')} MB.`,
  `All runs (collect ms): ${collect.map((r) => r.workMs.toFixed(0)).join(', ')}; floor ms: ${floor.map((r) => r.workMs.toFixed(0)).join(', ')}.`,
];
writeBenchmarkSection('collect', lines);
