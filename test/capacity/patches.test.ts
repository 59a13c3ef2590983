// tally recommend's formats: the yaml strategic-merge patches parse back (with the `yaml` package) to
// what `kubectl patch --type strategic` expects, quantities are Kubernetes', csv/json/table carry the rows.
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cpuQuantity, formatRecommendations, memoryQuantity } from '../../lib/capacity/patches';
import { recommendContainer, type RecommendationRow } from '../../lib/capacity/recommend';
import { MIB, NOW_MS, history, steady } from '../fixtures/capacity-history';

const pods = [
  { cpuMillicoresPerHour: steady(200), memoryPeakBytes: 380e6, hoursBack: 48 },
  { cpuMillicoresPerHour: steady(300), memoryPeakBytes: 400e6, hoursBack: 48 },
];
const row = (overrides: Parameters<typeof history>[1] = {}): RecommendationRow =>
  recommendContainer(history(pods, overrides), { strategy: 'simple', nowMs: NOW_MS });

const rows = [
  row(),
  row({ container: 'sidecar', hpa: { cpu: true, memory: false } }),
  row({ controllerKind: 'CronJob', controllerName: 'nightly' }),
  row({ controllerName: 'fresh', pods: [], periods: [] }),
  row({ controllerKind: 'Rollout', controllerName: 'canary' }),
];

describe('quantities', () => {
  test.each<[number, string]>([[300, '300m'], [2000, '2'], [12.5, '13m'], [1500, '1500m']])('cpu %s m → %s', (m, q) => {
    expect(cpuQuantity(m)).toBe(q);
  });
  test.each<[number, string]>([[439 * MIB, '439Mi'], [2 * 1024 * MIB, '2Gi'], [1500, '1500'], [3072, '3Ki']])(
    'memory %s B → %s', (b, q) => {
      expect(memoryQuantity(b)).toBe(q);
    });
});

describe('yaml: one strategic-merge patch per workload', () => {
  const docs = parseAllDocuments(formatRecommendations(rows, 'yaml'));
  const objects = docs.map((d) => d.toJS() as Record<string, unknown> | null);

  test('parses without errors; the workload without data and the Rollout get no patch', () => {
    expect(docs.flatMap((d) => d.errors)).toEqual([]);
    const kinds = objects.filter((o) => o !== null).map((o) => `${String(o.kind)}/${String((o.metadata as { name: string }).name)}`);
    expect(kinds).toEqual(['Deployment/checkout', 'CronJob/nightly']);
  });

  test('the Deployment patch: both containers, CPU limit removed, the HPA-scaled CPU untouched', () => {
    expect(objects[0]).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'checkout', namespace: 'shop' },
      spec: { template: { spec: { containers: [
        { name: 'app', resources: { requests: { cpu: '300m', memory: '439Mi' }, limits: { cpu: null, memory: '439Mi' } } },
        { name: 'sidecar', resources: { requests: { memory: '439Mi' }, limits: { memory: '439Mi' } } },
      ] } } },
    });
  });

  test('a CronJob patches its job template', () => {
    const cron = objects[1] as { spec: { jobTemplate: { spec: { template: { spec: { containers: Array<{ name: string }> } } } } } };
    expect(cron.spec.jobTemplate.spec.template.spec.containers.map((c) => c.name)).toEqual(['app']);
  });
});

describe('table', () => {
  test('table: current → recommended, and the reason for the HPA-scaled CPU', () => {
    const table = formatRecommendations(rows.slice(0, 2), 'table');
    expect(table).toMatch(/1 → 300m/);
    expect(table).toMatch(/1Gi → 439Mi/);
    expect(table).toMatch(/HPA scales on CPU/);
  });
});
