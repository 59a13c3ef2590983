/**
 * The size of each instance type of the bundled catalog (lib/cost/catalog-data.ts), which has
 * only prices: vCPUs, memory, GPUs and the provider's default max pods (EKS: the VPC CNI's
 * ENI limit, eni-max-pods.txt; GKE and DOKS: 110; AKS: 110, kubenet/overlay default), as each
 * provider publishes them. Allocatable is estimated from these with the GKE/EKS reservation
 * formula (estimateAllocatable) when no node of the type is in the cluster to read it from.
 */
export interface InstanceShape {
  provider: string;
  instanceType: string;
  vcpus: number;
  memoryGiB: number;
  gpus: number;
  maxPods: number;
}

const shape = (provider: string, maxPods: number) => (instanceType: string, vcpus: number, memoryGiB: number, gpus = 0, pods = maxPods): InstanceShape => ({
  provider, instanceType, vcpus, memoryGiB, gpus, maxPods: pods,
});
const aws = shape('aws', 58);
const gcp = shape('gcp', 110);
const azure = shape('azure', 110);
const doks = shape('digitalocean', 110);

/** Every instance type of the bundled catalog, by provider. */
export const INSTANCE_SHAPES: readonly InstanceShape[] = [
  aws('t3.medium', 2, 4, 0, 17), aws('t3.large', 2, 8, 0, 35), aws('t3.xlarge', 4, 16),
  ...['m5', 'm6i', 'm7i'].flatMap((f) => [aws(`${f}.large`, 2, 8, 0, 29), aws(`${f}.xlarge`, 4, 16), aws(`${f}.2xlarge`, 8, 32), aws(`${f}.4xlarge`, 16, 64, 0, 234)]),
  ...['c5', 'c6i'].flatMap((f) => [aws(`${f}.large`, 2, 4, 0, 29), aws(`${f}.xlarge`, 4, 8), aws(`${f}.2xlarge`, 8, 16)]),
  ...['r5', 'r6i'].flatMap((f) => [aws(`${f}.large`, 2, 16, 0, 29), aws(`${f}.xlarge`, 4, 32), aws(`${f}.2xlarge`, 8, 64)]),
  aws('g4dn.xlarge', 4, 16, 1, 29), aws('g4dn.2xlarge', 8, 32, 1, 29), aws('g5.xlarge', 4, 16, 1), aws('g5.2xlarge', 8, 32, 1),
  aws('p3.2xlarge', 8, 61, 1),
  gcp('e2-standard-2', 2, 8), gcp('e2-standard-4', 4, 16), gcp('e2-standard-8', 8, 32),
  gcp('n1-standard-1', 1, 3.75), gcp('n1-standard-2', 2, 7.5), gcp('n1-standard-4', 4, 15), gcp('n1-standard-8', 8, 30),
  gcp('n2-standard-2', 2, 8), gcp('n2-standard-4', 4, 16), gcp('n2-standard-8', 8, 32),
  gcp('n2d-standard-2', 2, 8), gcp('n2d-standard-4', 4, 16), gcp('c2-standard-4', 4, 16), gcp('c2-standard-8', 8, 32),
  gcp('a2-highgpu-1g', 12, 85, 1), gcp('g2-standard-4', 4, 16, 1),
  azure('Standard_D2s_v3', 2, 8), azure('Standard_D4s_v3', 4, 16), azure('Standard_D8s_v3', 8, 32),
  azure('Standard_D2s_v5', 2, 8), azure('Standard_D4s_v5', 4, 16), azure('Standard_D8s_v5', 8, 32),
  azure('Standard_E2s_v5', 2, 16), azure('Standard_E4s_v5', 4, 32), azure('Standard_F4s_v2', 4, 8),
  azure('Standard_DS2_v2', 2, 7), azure('Standard_NC6s_v3', 6, 112, 1),
  doks('s-1vcpu-2gb', 1, 2), doks('s-2vcpu-2gb', 2, 2), doks('s-2vcpu-4gb', 2, 4), doks('s-4vcpu-8gb', 4, 8), doks('s-8vcpu-16gb', 8, 16),
];

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** Σ over [from, to) bands of the amount inside the band × its fraction. */
function banded(amount: number, bands: readonly [upTo: number, fraction: number][]): number {
  let reserved = 0, from = 0;
  for (const [upTo, fraction] of bands) {
    reserved += Math.max(0, Math.min(amount, upTo) - from) * fraction;
    from = upTo;
  }
  return reserved;
}

/**
 * Allocatable of a node of `shape`, by GKE's published reservation (EKS AMIs reserve CPU the same way):
 *   CPU reserved = 6 % of the first core + 1 % of the second + 0.5 % of cores 3–4 + 0.25 % above;
 *   memory reserved = 25 % of the first 4 GiB + 20 % of the next 4 + 10 % of the next 8 + 6 % of
 *   the next 112 + 2 % above 128 GiB, plus the 100 MiB eviction threshold.
 * Allocatable = capacity − reserved, CPU in millicores (floor), memory in bytes (floor).
 * Example: 4 vCPU / 16 GiB → 3920 m and 13.30 GiB (14,283,282,841 B).
 */
export function estimateAllocatable(shape: Pick<InstanceShape, 'vcpus' | 'memoryGiB'>): { cpuMillicores: number; memoryBytes: number } {
  const cpuMillicores = shape.vcpus * 1000;
  const cpuReserved = banded(cpuMillicores, [[1000, 0.06], [2000, 0.01], [4000, 0.005], [Infinity, 0.0025]]);
  const memoryBytes = shape.memoryGiB * GIB;
  const memoryReserved = banded(memoryBytes, [[4 * GIB, 0.25], [8 * GIB, 0.2], [16 * GIB, 0.1], [128 * GIB, 0.06], [Infinity, 0.02]]) + 100 * MIB;
  return { cpuMillicores: Math.floor(cpuMillicores - cpuReserved), memoryBytes: Math.max(0, Math.floor(memoryBytes - memoryReserved)) };
}
