/**
 * The usage model behind metrics.k8s.io: a pure function of (seed, pod, container, instant).
 * Load follows UTC business hours on weekdays and drops at weekends; each usage profile maps
 * load to a share of the container's request.
 */
import { DAY_MS, HOUR_MS } from './calendar';
import type { UsageProfileName } from './catalog';
import type { PodInstance } from './instances';
import type { ContainerPlan } from './model';
import { monthProgress } from './burst';
import { hash32, unitHash } from './random';
import { leakPeriodMs } from './timeline';

const NOISE_STEP_MS = 5 * 60_000;
const MIB = 1024 ** 2;

/**
 * Cluster-wide load in [0, 1] at `ms`: a bell around 14:00 UTC (Europe and US overlap) on a
 * floor of 0.22, times 0.35 on Saturdays and Sundays. Weekday noon ≈ 0.89, Sunday 23:00 ≈ 0.08.
 */
export function loadFactor(ms: number): number {
  const hour = (((ms % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  const weekday = (((Math.floor(ms / DAY_MS) + 4) % 7) + 7) % 7;
  const daily = 0.22 + 0.78 * Math.exp(-(((hour - 14) / 4.5) ** 2));
  return weekday === 0 || weekday === 6 ? daily * 0.35 : daily;
}

/** Smooth deterministic noise in [-1, 1]: hashed knots every 5 minutes, linearly interpolated. */
export function noise(key: number, ms: number): number {
  const knot = Math.floor(ms / NOISE_STEP_MS);
  const frac = ms / NOISE_STEP_MS - knot;
  const a = (hash32(key, knot) / 4294967296) * 2 - 1;
  const b = (hash32(key, knot + 1) / 4294967296) * 2 - 1;
  return a + (b - a) * frac;
}

export interface Usage {
  cpuMillicores: number;
  memoryBytes: number;
}

interface Shares {
  cpu: number;
  memory: number;
}

/** loadFactor at a weekday's 14:00 UTC peak. */
const PEAK_LOAD = 1;

/**
 * How over-provisioned a workload is, the way people write requests: `cpuRatio` = request ÷
 * weekday-peak CPU (steady 5–9×, idle 8–14×), `memoryShare` = usage ÷ request of memory
 * (12–62%, differing per workload). From the seed and the workload's name.
 */
export function provisioning(seed: number, namespace: string, name: string, profile: UsageProfileName): { cpuRatio: number; memoryShare: number } {
  const u = unitHash(seed, namespace, name, 'cpu-ratio');
  const cpuRatio = profile === 'idle' ? 8 + 6 * u : 5 + 4 * u;
  return { cpuRatio, memoryShare: 0.12 + 0.5 * unitHash(seed, namespace, name, 'memory-share') };
}

function shares(profile: UsageProfileName, load: number, jitter: number, p: { cpuRatio: number; memoryShare: number }): Shares {
  switch (profile) {
    case 'idle':
    case 'steady':
    case 'leak':
      // Weekday peak = request / cpuRatio; nights and weekends down to a quarter of it.
      return { cpu: (0.25 + 0.75 * (load / PEAK_LOAD)) / p.cpuRatio, memory: p.memoryShare * (0.92 + 0.08 * load) };
    case 'hot':
      // Above its requests through the working day (throttling / OOM risk).
      return { cpu: 0.5 + 0.9 * load, memory: 0.93 + 0.1 * load };
    case 'scaled':
      // The HPA adds replicas with the load: each pod stays near its 70% CPU target.
      return { cpu: 0.62 + 0.08 * jitter, memory: 0.35 };
    case 'batch':
      return { cpu: 0.75 + 0.2 * jitter, memory: 0.6 };
    case 'daemon':
      return { cpu: 0.1 + 0.15 * load, memory: 0.5 };
    case 'gpu':
      return { cpu: 0.15 + 0.35 * load, memory: 0.7 };
  }
}

/** A growing team's traffic through the calendar month: × 1 on the 1st to × 1.5 at its end. */
export function trafficGrowth(ms: number): number {
  return 1 + 0.5 * monthProgress(ms);
}

/**
 * Usage of container `container` of `pod` at `ms` (pods not Running use nothing). CPU is a
 * share of the request (else limit, else 50m) and never above the limit; memory likewise,
 * except the leaking profile: it climbs linearly from 30% of the request after each container
 * start and reaches the limit when the container is OOM-killed (see timeline.leakPeriodMs).
 */
export function containerUsageAt(seed: number, pod: PodInstance, container: ContainerPlan, ms: number): Usage {
  if (pod.phase !== 'Running' || ms < pod.startedMs) return { cpuMillicores: 0, memoryBytes: 0 };
  const key = hash32(seed, pod.uid, container.name);
  const n = noise(key, ms);
  const profile = pod.workload.profile;
  const share = shares(profile, loadFactor(ms), n, provisioning(seed, pod.workload.namespace, pod.workload.name, profile));
  const cpuBase = container.cpuRequestMillicores ?? container.cpuLimitMillicores ?? 50;
  const memoryBase = container.memoryRequestBytes ?? container.memoryLimitBytes ?? 48 * MIB;
  const sized = profile === 'idle' || profile === 'steady' || profile === 'leak' || profile === 'scaled';
  const personal = sized ? 1 : 0.85 + 0.3 * unitHash(seed, pod.workload.namespace, pod.workload.name, container.name);
  // A growing team's replicas carry its traffic; an HPA-scaled service spreads it over more pods instead.
  const growth = pod.workload.trafficGrowth && profile !== 'scaled' ? trafficGrowth(ms) : 1;
  let cpuMillicores = cpuBase * share.cpu * personal * growth * (1 + 0.12 * n);
  if (container.cpuLimitMillicores !== null) cpuMillicores = Math.min(cpuMillicores, container.cpuLimitMillicores);
  let memoryBytes = memoryBase * share.memory * (1 + 0.02 * n);
  if (profile === 'leak') {
    const limit = container.memoryLimitBytes ?? memoryBase * 2;
    const baseline = memoryBase * 0.3;
    const progress = Math.min(1, Math.max(0, (ms - pod.containerStartMs) / leakPeriodMs(seed, pod.workload)));
    memoryBytes = baseline + (limit - baseline) * progress * (1 + 0.005 * n);
  }
  if (container.memoryLimitBytes !== null) memoryBytes = Math.min(memoryBytes, container.memoryLimitBytes * 0.995);
  return { cpuMillicores: Math.max(0.5, cpuMillicores), memoryBytes: Math.max(4 * MIB, memoryBytes) };
}

/** The node's own overhead (kubelet, containerd, OS) on top of its pods. */
export function systemUsageAt(seed: number, nodeName: string, ms: number): Usage {
  const n = noise(hash32(seed, 'system', nodeName), ms);
  return {
    cpuMillicores: 70 + 40 * loadFactor(ms) + 10 * n,
    memoryBytes: (560 + (hash32(seed, 'system-memory', nodeName) % 200) + 8 * n) * MIB,
  };
}
