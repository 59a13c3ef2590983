import { describe, expect, test } from 'vitest';
import { consolidationScore } from '../../lib/capacity/consolidation-score';
import { nodeUtilization, type UtilizationPod } from '../../lib/capacity/pool-utilization';

// Cluster Autoscaler, cluster-autoscaler/simulator/utilization/info_test.go `TestCalculate`:
// node 2000 m / 2,000,000 B; pod = 100 m / 200,000 B; pod2 without requests.
const node = { cpuAllocatableMillicores: 2000, memoryAllocatableBytes: 2_000_000, gpuAllocatable: 0 };
const pod = (extra: Partial<UtilizationPod> = {}): UtilizationPod => ({ requests: { cpuMillicores: 100, memoryBytes: 200_000, gpus: 0 }, isDaemonSet: false, isMirror: false, ...extra });
const pod2: UtilizationPod = { requests: { cpuMillicores: 0, memoryBytes: 0, gpus: 0 }, isDaemonSet: false, isMirror: false };
const ds = pod({ isDaemonSet: true });
const mirror = pod({ isMirror: true });

describe('Cluster Autoscaler TestCalculate (simulator/utilization/info_test.go)', () => {
  test.each([
    ['pod, pod, pod2', [pod(), pod(), pod2], false, false, 0.2],
    ['DaemonSets skipped', [pod(), pod(), pod2, ds, ds], true, false, 0.25],
    ['DaemonSets not skipped are counted like the rest', [pod(), pod2, ds], false, false, 0.2],
    ['mirror pods skipped', [pod(), pod(), pod2, mirror], false, true, 2 / 9],
    ['DaemonSets and mirror pods skipped', [pod(), mirror, ds], true, true, 1 / 8],
  ])('%s → utilisation %d', (_name, pods, skipDaemonSetPods, skipMirrorPods, expected) => {
    expect(nodeUtilization(node, pods, { skipDaemonSetPods, skipMirrorPods }).utilization).toBeCloseTo(expected, 6);
  });

  test('CPU utilisation 0.1 of the first case', () => {
    expect(nodeUtilization(node, [pod(), pod(), pod2], { skipDaemonSetPods: false, skipMirrorPods: false }).cpu).toBe(0.1);
  });

  test('a GPU node is measured by its GPUs alone → 1.0', () => {
    const gpuPod = pod({ requests: { cpuMillicores: 100, memoryBytes: 200_000, gpus: 1 } });
    expect(nodeUtilization({ ...node, gpuAllocatable: 1 }, [pod(), pod(), gpuPod], { skipDaemonSetPods: false, skipMirrorPods: false }).utilization).toBe(1);
  });
});

// Karpenter, pkg/controllers/disruption/balanced_scoring_test.go "should compute correct scores"
// (totals: cost 100, disruption 100, k = 2); the formula is ScoreMove (balanced.go) and ScoreResult (types.go).
describe('Karpenter balanced consolidation score', () => {
  test.each([
    [20, 5, 4.0, true],
    [10, 10, 1.0, true],
    [5, 50, 0.1, false],
    [0, 10, 0, false],
    [-5, 10, 0, false],
  ])('savings %d / disruption %d → %d (approved %s)', (savings, disruption, score, approved) => {
    const result = consolidationScore(savings, disruption, 100, 100);
    expect(result.score).toBeCloseTo(score, 2);
    expect(result.approved).toBe(approved);
  });

  test('zero disruption with savings → +Infinity, approved; zero pool totals → refused', () => {
    expect(consolidationScore(10, 0, 100, 100)).toMatchObject({ score: Infinity, approved: true });
    expect(consolidationScore(10, 5, 0, 100)).toMatchObject({ score: 0, approved: false });
  });
});
