/**
 * `tally recommend --format table|yaml`: recommendation rows as text (json and csv are the API's
 * rows, lib/http/recommendations.ts). yaml is one
 * strategic-merge patch per workload (`kubectl patch <kind> <name> -n <ns> --type strategic -p …`
 * or a Kustomize patch); a limit the recommendation unsets is `null`, which deletes it.
 * Pure: the YAML is written by hand (a tiny fixed shape); money is rounded here, at the edge.
 */
import type { RecommendationRow } from './recommend';

export type RecommendFormat = 'table' | 'yaml';

/** Millicores as a Kubernetes quantity: 2000 → "2", 250 → "250m" (whole millicores, rounded up). */
export function cpuQuantity(millicores: number): string {
  const m = Math.ceil(millicores);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** Bytes as a Kubernetes quantity: the largest exact binary unit (Gi, Mi, Ki), else bytes. */
export function memoryQuantity(bytes: number): string {
  const b = Math.ceil(bytes);
  for (const [unit, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (b > 0 && b % size === 0) return `${b / size}${unit}`;
  }
  return String(b);
}

/** The rows in `format`; yaml skips workloads with nothing to change. */
export function formatRecommendations(rows: readonly RecommendationRow[], format: RecommendFormat): string {
  switch (format) {
    case 'table':
      return toTable(rows);
    case 'yaml':
      return toPatches(rows);
  }
}

const API_VERSIONS: Record<string, string> = {
  Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', ReplicaSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1',
};

/** One YAML document per workload (cluster/namespace/kind/name), in first-seen order. */
export function toPatches(rows: readonly RecommendationRow[]): string {
  const workloads = new Map<string, RecommendationRow[]>();
  for (const row of rows) {
    if (!row.recommends.cpu && !row.recommends.memory) continue;
    const key = [row.cluster, row.namespace, row.controllerKind, row.controllerName].join('/');
    workloads.set(key, [...(workloads.get(key) ?? []), row]);
  }
  const docs: string[] = [];
  for (const [key, containers] of workloads) {
    const first = containers[0];
    if (!first) continue;
    const apiVersion = API_VERSIONS[first.controllerKind];
    if (!apiVersion) {
      docs.push(`# ${key}: ${first.controllerKind} takes no strategic-merge patch; set its resources by hand\n`);
      continue;
    }
    const saving = containers.reduce((sum, r) => sum + r.monthlySavingUsd, 0);
    const podSpecIndent = first.controllerKind === 'CronJob' ? '          ' : '      ';
    const lines = [
      `# cluster ${first.cluster}: ${formatMoney(saving)} a month`,
      `apiVersion: ${apiVersion}`,
      `kind: ${first.controllerKind}`,
      'metadata:',
      `  name: ${q(first.controllerName)}`,
      `  namespace: ${q(first.namespace)}`,
      'spec:',
      ...(first.controllerKind === 'CronJob' ? ['  jobTemplate:', '    spec:', '      template:', '        spec:'] : ['  template:', '    spec:']),
      `${podSpecIndent}containers:`,
      ...containers.flatMap((row) => containerLines(row).map((line) => podSpecIndent + line)),
    ];
    docs.push(lines.join('\n') + '\n');
  }
  return docs.join('---\n');
}

function containerLines(row: RecommendationRow): string[] {
  const requests: string[] = [];
  const limits: string[] = [];
  const r = row.recommended;
  if (row.recommends.cpu && r.cpuRequestMillicores !== null) {
    requests.push(`cpu: ${q(cpuQuantity(r.cpuRequestMillicores))}`);
    limits.push(`cpu: ${r.cpuLimitMillicores === null ? 'null' : q(cpuQuantity(r.cpuLimitMillicores))}`);
  }
  if (row.recommends.memory && r.memoryRequestBytes !== null) {
    requests.push(`memory: ${q(memoryQuantity(r.memoryRequestBytes))}`);
    limits.push(`memory: ${r.memoryLimitBytes === null ? 'null' : q(memoryQuantity(r.memoryLimitBytes))}`);
  }
  return [
    `  - name: ${q(row.container)}`,
    '    resources:',
    '      requests:',
    ...requests.map((l) => `        ${l}`),
    '      limits:',
    ...limits.map((l) => `        ${l}`),
  ];
}

function toTable(rows: readonly RecommendationRow[]): string {
  const cpu = (v: number | null) => (v === null ? '-' : cpuQuantity(v));
  const mem = (v: number | null) => (v === null ? '-' : memoryQuantity(v));
  const header = ['WORKLOAD', 'CONTAINER', 'CPU REQUEST', 'MEMORY REQUEST', 'RISK', 'SAVING/MONTH', 'REASON'];
  const body = rows.map((r) => [
    `${r.namespace}/${r.controllerKind}/${r.controllerName}`,
    r.container,
    r.recommends.cpu ? `${cpu(r.current.cpuRequestMillicores)} → ${cpu(r.recommended.cpuRequestMillicores)}` : cpu(r.current.cpuRequestMillicores),
    r.recommends.memory ? `${mem(r.current.memoryRequestBytes)} → ${mem(r.recommended.memoryRequestBytes)}` : mem(r.current.memoryRequestBytes),
    r.risk.level,
    formatMoney(r.monthlySavingUsd),
    r.reason ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  return [header, ...body].map((cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

function roundCents(usd: number): number {
  return Math.round(usd * 100) / 100 + 0;
}

function formatMoney(usd: number): string {
  const cents = roundCents(usd);
  return cents < 0 ? `-$${(-cents).toFixed(2)}` : `$${cents.toFixed(2)}`;
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function q(text: string): string {
  return JSON.stringify(text);
}
