// Reference cases from OpenCost's pkg/costmodel/intervals_test.go (TestGetPVCCostCoefficients).
import { describe, expect, test } from 'vitest';
import { UNMOUNTED } from '../../lib/cost/allocation-set';
import { allocateClaimHour, pvcShareCoefficients, type MountInterval } from '../../lib/cost/pv-share';
import { intBetween, mulberry32 } from './prng';

const at = (hhmm: string) => Date.UTC(2021, 0, 1, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)));
const mount = (name: string, from: string, to: string): MountInterval => ({ name, startMs: at(from), endMs: at(to) });
const rounded = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, v]) => [k, Math.round(v * 1e4) / 1e4]));

describe('pvcShareCoefficients', () => {
  test.each<[string, MountInterval[], Record<string, number>]>([
    ['four pods coming and going', [mount('pod1', '08:00', '09:00'), mount('pod4', '08:00', '08:15'), mount('pod2', '08:30', '09:00'), mount('pod3', '08:45', '09:00')],
      { pod1: 0.5833, pod2: 0.2083, pod3: 0.0833, pod4: 0.125 }],
    ['two pods for the second half: the first half is unmounted', [mount('pod1', '08:30', '09:00'), mount('pod2', '08:30', '09:00')],
      { pod1: 0.25, pod2: 0.25, [UNMOUNTED]: 0.5 }],
    ['one pod the whole hour', [mount('pod1', '08:00', '09:00')], { pod1: 1 }],
    ['no pod at all', [], { [UNMOUNTED]: 1 }],
    ['a pod outside the window counts only inside it', [mount('pod1', '07:00', '08:30')], { pod1: 0.5, [UNMOUNTED]: 0.5 }],
  ])('%s', (_name, mounts, expected) => {
    expect(rounded(pvcShareCoefficients(at('08:00'), at('09:00'), mounts))).toEqual(expected);
  });

  test('an empty window has no coefficients', () => {
    expect(pvcShareCoefficients(at('08:00'), at('08:00'), [mount('pod1', '08:00', '09:00')]).size).toBe(0);
  });

  test('the coefficients always sum to 1 (500 random cases, seeded)', () => {
    const random = mulberry32(42);
    for (let i = 0; i < 500; i++) {
      const mounts = Array.from({ length: intBetween(random, 0, 6) }, (_, p) => {
        const a = intBetween(random, -30, 90);
        const b = intBetween(random, -30, 90);
        return { name: `pod${p}`, startMs: at('08:00') + Math.min(a, b) * 60_000, endMs: at('08:00') + Math.max(a, b) * 60_000 };
      });
      const sum = [...pvcShareCoefficients(at('08:00'), at('09:00'), mounts).values()].reduce((x, y) => x + y, 0);
      expect(sum).toBeCloseTo(1, 12);
    }
  });
});

describe('allocateClaimHour', () => {
  const GiB = 1024 ** 3;
  const cost = (m: Map<string, { costUsd: number }>) => Object.fromEntries([...m].map(([k, v]) => [k, Math.round(v.costUsd * 1e9) / 1e9]));

  test.each<[string, { durationSeconds: number; bytes: number; podUids: string[] }[], Record<string, number>]>([
    ['two pods all hour split evenly', [{ durationSeconds: 3600, bytes: 10 * GiB, podUids: ['a', 'b'] }], { a: 0.0005, b: 0.0005 }],
    ['mounted half the hour, unmounted the other half', [
      { durationSeconds: 1800, bytes: 10 * GiB, podUids: ['a'] },
      { durationSeconds: 1800, bytes: 10 * GiB, podUids: [] },
    ], { a: 0.0005, [UNMOUNTED]: 0.0005 }],
    ['a resize counts each sample at its size', [
      { durationSeconds: 1800, bytes: 10 * GiB, podUids: ['a'] },
      { durationSeconds: 1800, bytes: 20 * GiB, podUids: ['a'] },
    ], { a: 0.0015 }],
    ['samples outside the hour count for nothing', [{ durationSeconds: 0, bytes: 10 * GiB, podUids: ['a'] }], {}],
  ])('%s', (_name, samples, expected) => {
    expect(cost(allocateClaimHour(samples, 0.0001))).toEqual(expected);
  });

  test('byte-hours follow the same split and sum to the claim’s', () => {
    const shares = allocateClaimHour([{ durationSeconds: 3600, bytes: 9 * GiB, podUids: ['a', 'b', 'c'] }], 0.0001);
    expect([...shares.values()].reduce((s, v) => s + v.byteHours, 0)).toBeCloseTo(9 * GiB, 0);
    expect(shares.get('a')!.byteHours).toBeCloseTo(3 * GiB, 0);
  });
});
