import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseAllDocuments, parse } from 'yaml';
import type { Database } from '../../lib/db/client';
import { startDemoCluster, type DemoCluster } from '../../lib/demo/server';
import { collectOnce } from '../../lib/ingest/collect-once';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { BACKENDS } from '../helpers/backends';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const rbacText = readFileSync(new URL('../../deploy/rbac.yaml', import.meta.url), 'utf8');
const clusterRole = parseAllDocuments(rbacText)
  .map((doc) => doc.toJS() as { kind: string; rules?: Rule[] })
  .find((doc) => doc.kind === 'ClusterRole')!;

/** "group resource verb" for every permission a set of rules grants. */
function granted(rules: Rule[]): string[] {
  return rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}|${res}|${v}`)))).sort();
}

/** The permission an API request needs: /api/v1/[namespaces/ns/]res or /apis/group/version/[namespaces/ns/]res. */
function needed(path: string, watch: boolean): string | null {
  const core = /^\/api\/v1\/(?:namespaces\/[^/]+\/)?([a-z]+)$/.exec(path);
  const grouped = /^\/apis\/([^/]+)\/[^/]+\/(?:namespaces\/[^/]+\/)?([a-z]+)$/.exec(path);
  if (core) return `|${core[1]}|${watch ? 'watch' : 'list'}`;
  if (grouped) return `${grouped[1]}|${grouped[2]}|${watch ? 'watch' : 'list'}`;
  return null;
}

describe('read-only RBAC', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  beforeAll(async () => {
    ({ db, cleanup } = await BACKENDS[0]!.open());
    cluster = await startDemoCluster({ seed: 5 });
  });
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  test('deploy/rbac.yaml grants exactly what a scrape uses, and only reads', async () => {
    await collectOnce(db, loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), { cluster: 'rbac', pageSize: 50 });
    const used = [...new Set(cluster.requestLog().map((r) => needed(r.path, r.watch)))].sort();
    expect(used).not.toContain(null);
    expect(used).toEqual(granted(clusterRole.rules!));
    for (const rule of clusterRole.rules!) expect(rule.verbs.every((v) => ['get', 'list', 'watch'].includes(v))).toBe(true);
  });

  test('the README shows the same ClusterRole', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /```yaml\n(apiVersion: rbac[\s\S]*?kind: ClusterRole[\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    expect(parse(block![1]!)).toEqual(clusterRole);
  });
});
