import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET } from '../../app/api/v1/recommendations/containers/route';
import { recommendText } from '../../lib/cli/recommend';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import { setClock } from '../../lib/util/clock';
import { BACKENDS } from '../helpers/backends';
import { RIGHTSIZING_END, seedRightsizing } from '../fixtures/rightsizing';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const run = (db: Database, argv: string[]) => recommendText(db, ['--window', '4d', ...argv], RIGHTSIZING_END, 14);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: app
        image: api:1
        resources:
          requests: {cpu: "1", memory: 2Gi}
          limits: {cpu: "2", memory: 2Gi}
      - name: sidecar
        image: envoy
        resources: {requests: {cpu: 50m}}
`;

describe.each(BACKENDS.filter((b) => b.name === 'PGlite'))('tally recommend on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await seedRightsizing(db);
    setDatabase(db);
    setClock(() => new Date(RIGHTSIZING_END));
  }, 120_000);
  afterAll(async () => {
    setClock(null);
    await cleanup?.();
  });

  test('json and csv print the API rows', async () => {
    const api = await (await GET(new Request('http://localhost/api/v1/recommendations/containers?window=4d'))).json() as { data: unknown[] };
    expect(JSON.parse(await run(db, ['--format', 'json']))).toEqual(api.data);
    const csv = await (await GET(new Request('http://localhost/api/v1/recommendations/containers?window=4d&format=csv'))).text();
    expect(await run(db, ['--format', 'csv'])).toBe(csv);
    const limited = await (await GET(new Request('http://localhost/api/v1/recommendations/containers?window=4d&cpuLimit=request&memoryLimit=p99&includeHpa=true'))).json() as { data: unknown[] };
    expect(JSON.parse(await run(db, ['--format', 'json', '--cpu-limit', 'request', '--memory-limit', 'p99', '--include-hpa']))).toEqual(limited.data);
    expect(limited.data).not.toEqual(api.data);
  });

  test('table: one line per container, current → recommended, the saving; --namespace narrows', async () => {
    const table = (await run(db, [])).trimEnd().split('\n');
    expect(table[0]).toMatch(/^WORKLOAD\s+CONTAINER\s+CPU REQUEST\s+MEMORY REQUEST\s+RISK\s+SAVING\/MONTH/);
    expect(table).toHaveLength(4);
    expect(table.find((l) => l.startsWith('shop/Deployment/api'))).toMatch(/1 → \d+m\s+2Gi → \d+Mi/);
    const shop = (await run(db, ['--namespace', 'shop', '--strategy', 'vpa'])).trimEnd().split('\n');
    expect(shop.slice(1).map((l) => l.split(' ')[0])).toEqual(expect.arrayContaining(['shop/Deployment/api', 'shop/Deployment/worker']));
    expect(shop).toHaveLength(3);
  });

  test('bad flags are refused with the flag named', async () => {
    await expect(run(db, ['--format', 'xml'])).rejects.toThrow('--format: must be one of table, json, csv, yaml');
    await expect(run(db, ['--strategy', 'krr'])).rejects.toThrow('strategy: must be one of simple, vpa');
    await expect(run(db, ['--bogus'])).rejects.toThrow(/bogus/);
    await expect(run(db, ['--cpu-limit', 'max'])).rejects.toThrow('cpuLimit: must be unset, request, proportional or a usage percentile');
  });

  test('yaml: a patch per workload that kubectl patch --type strategic applies to the Deployment', async () => {
    const yaml = await run(db, ['--format', 'yaml', '--namespace', 'shop']);
    const docs = yaml.split(/^---\n/m);
    expect(docs).toHaveLength(2);
    const api = docs.find((d) => /name: "?api"?/.test(d))!;
    const dir = mkdtempSync(join(tmpdir(), 'tally-patch-'));
    try {
      writeFileSync(join(dir, 'deployment.yaml'), DEPLOYMENT);
      const out = execFileSync(KUBECTL, [
        'patch', '--dry-run=client', '--local', '-f', join(dir, 'deployment.yaml'), '--type', 'strategic', '-p', api, '-o', 'json',
      ], { encoding: 'utf8' });
      const patched = JSON.parse(out) as { spec: { template: { spec: { containers: Array<{ name: string; resources: Record<string, Record<string, string>> }> } } } };
      const [app, sidecar] = patched.spec.template.spec.containers;
      expect(app!.name).toBe('app');
      expect(app!.resources.requests!.cpu).toMatch(/^\d+m$/);
      expect(app!.resources.requests!.memory).toMatch(/^\d+Mi$/);
      expect(app!.resources.limits!.cpu).toBeUndefined(); // KRR simple: the CPU limit is removed
      expect(app!.resources.limits!.memory).toBe(app!.resources.requests!.memory);
      expect(sidecar).toEqual({ name: 'sidecar', image: 'envoy', resources: { requests: { cpu: '50m' } } }); // untouched
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
