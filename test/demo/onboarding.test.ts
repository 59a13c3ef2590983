import { describe, expect, test } from 'vitest';
import { ONBOARDING_EVERY_MS, ONBOARDING_MIN_AGE_MS, onboardingBefore } from '../../lib/demo/onboarding';
import { generateOrg } from '../../lib/demo/org';
import { IDS, StaticUnit, WorkloadUnit } from '../../lib/demo/units';

const START = Date.parse('2026-12-03T14:00:00Z');
const plan = generateOrg({ seed: 1, startMs: START });

type Obj = { metadata: { name: string; namespace?: string; labels?: Record<string, string>; creationTimestamp: string } };
const namespacesAt = (ms: number) =>
  (new StaticUnit(plan.seed, plan.namespaces, []).render(ms).get(IDS.namespaces) ?? []).map((e) => JSON.parse(e.json()) as Obj);

describe('the onboarding scenario: a new namespace partway through the history', () => {
  test('the latest onboarding at least two days before the start: checkout-store-pickup, a Tuesday morning, its Deployment hours later', () => {
    const o = onboardingBefore(1, START);
    expect(o).toMatchObject({ namespace: 'checkout-store-pickup', team: 'checkout' });
    expect(new Date(o?.createdMs ?? 0).toISOString()).toBe('2026-12-01T11:38:00.000Z');
    expect(new Date(o?.firstDeploymentMs ?? 0).toISOString()).toBe('2026-12-01T15:34:00.000Z');
    // Always inside a 30-day backfill ending at the start, hours between creation and first Deployment.
    for (let ms = START; ms < START + 60 * 86_400_000; ms += 3 * 3_600_000) {
      const x = onboardingBefore(1, ms);
      expect(x).not.toBeNull();
      expect(ms - (x?.createdMs ?? 0)).toBeGreaterThanOrEqual(ONBOARDING_MIN_AGE_MS);
      expect(ms - (x?.createdMs ?? 0)).toBeLessThan(ONBOARDING_MIN_AGE_MS + ONBOARDING_EVERY_MS + 3 * 3_600_000);
      const delay = (x?.firstDeploymentMs ?? 0) - (x?.createdMs ?? 0);
      expect(delay).toBeGreaterThanOrEqual(3 * 3_600_000);
      expect(delay).toBeLessThan(6 * 3_600_000);
    }
    expect(onboardingBefore(1, Date.parse('2024-01-02T09:00:00Z'))).toBeNull();
    // No start, no onboarding: the organisation as the catalog writes it.
    expect(generateOrg({ seed: 1 }).namespaces.some((ns) => ns.name.startsWith('checkout-'))).toBe(false);
  });

  test('the namespace is listed from its creation on, with its creationTimestamp and team label; its Deployment and pods only after theirs', () => {
    const o = onboardingBefore(1, START);
    const createdMs = o?.createdMs ?? 0;
    expect(namespacesAt(createdMs - 1000).map((n) => n.metadata.name)).not.toContain('checkout-store-pickup');
    const ns = namespacesAt(createdMs).find((n) => n.metadata.name === 'checkout-store-pickup');
    expect(ns?.metadata).toMatchObject({ creationTimestamp: '2026-12-01T11:38:00Z', labels: { team: 'checkout' } });

    const w = plan.workloads.find((x) => x.namespace === 'checkout-store-pickup');
    expect(w).toMatchObject({ kind: 'Deployment', name: 'store-pickup-api', team: 'checkout', createdMs: o?.firstDeploymentMs });
    expect(plan.workloads.filter((x) => x.namespace === 'checkout-store-pickup')).toHaveLength(1);
    const unit = new WorkloadUnit(plan.seed, w!, plan.nodes.length);
    const before = unit.render((o?.firstDeploymentMs ?? 0) - 1000);
    expect(before.get(IDS.deployments) ?? []).toHaveLength(0);
    expect(before.get(IDS.pods) ?? []).toHaveLength(0);
    const after = unit.render((o?.firstDeploymentMs ?? 0) + 60_000);
    const [deployment] = (after.get(IDS.deployments) ?? []).map((e) => JSON.parse(e.json()) as Obj);
    expect(deployment?.metadata).toMatchObject({ name: 'store-pickup-api', creationTimestamp: '2026-12-01T15:34:00Z' });
    const pods = (after.get(IDS.pods) ?? []).map((e) => JSON.parse(e.json()) as Obj & { status: { phase: string } });
    expect(pods).toHaveLength(1);
    expect(pods[0]?.metadata.labels?.team).toBe('checkout');
    expect(pods[0]?.status.phase).toBe('Running');
  });
});
