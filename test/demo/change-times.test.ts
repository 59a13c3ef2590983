import { describe, expect, test } from 'vitest';
import { workloadChangeAt } from '../../lib/demo/instances';
import { generateOrg } from '../../lib/demo/org';
import { mulberry32 } from '../../lib/demo/random';
import { WorkloadUnit } from '../../lib/demo/units';
import { WEDNESDAY_NOON } from './helpers';

function renderJson(unit: WorkloadUnit, ms: number): string {
  const rendered = unit.render(ms);
  return JSON.stringify([...rendered].map(([id, entries]) => [id, entries.map((e) => e.json())]));
}

describe('change times drive caching and watch events', () => {
  test('equal changeAt ⇒ identical objects; changeAt never after the instant', () => {
    const plan = generateOrg({ seed: 3 });
    const next = mulberry32(99);
    const units = plan.workloads.map((w) => ({ w, unit: new WorkloadUnit(plan.seed, w, plan.nodes.length) }));
    let compared = 0;
    let changed = 0;
    for (let i = 0; i < 120; i++) {
      const t = WEDNESDAY_NOON.getTime() + Math.floor(next() * 7 * 86_400_000);
      const t2 = t + Math.floor(next() * 600) * 1000;
      for (const { w, unit } of units) {
        const c1 = unit.changeAt(t);
        const c2 = unit.changeAt(t2);
        expect(c1).toBeLessThanOrEqual(t);
        expect(c1).toBe(workloadChangeAt(plan.seed, w, t));
        if (c1 === c2) {
          expect(renderJson(unit, t2), `${w.namespace}/${w.name} at ${new Date(t).toISOString()}`).toBe(renderJson(unit, t));
          compared += 1;
        } else {
          changed += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(changed).toBeGreaterThan(50);
  });
});
