import { UNMOUNTED } from './allocation-set';

export interface MountInterval {
  /** The pod (or any name) holding the mount. */
  name: string;
  startMs: number;
  endMs: number;
}

/**
 * How a PVC's cost over [startMs, endMs) splits among the pods mounting it (OpenCost's
 * getPVCCostCoefficients): the window is cut at every pod's start and end; each piece's share
 * of the window (its length ÷ the window's) goes in equal parts to the pods mounting it then,
 * or to `__unmounted__` when none does. The coefficients sum to 1 (or nothing for an empty
 * window). Example: PVC 08:00–09:00, pod1 08:00–09:00, pod4 08:00–08:15, pod2 08:30–09:00,
 * pod3 08:45–09:00 → pod1 0.5833, pod2 0.2083, pod3 0.0833, pod4 0.125.
 */
export function pvcShareCoefficients(startMs: number, endMs: number, mounts: readonly MountInterval[]): Map<string, number> {
  const coefficients = new Map<string, number>();
  const total = endMs - startMs;
  if (!(total > 0)) return coefficients;
  const clip = (t: number) => Math.min(endMs, Math.max(startMs, t));
  const cuts = [...new Set([startMs, endMs, ...mounts.flatMap((m) => [clip(m.startMs), clip(m.endMs)])])].sort((a, b) => a - b);
  const add = (name: string, value: number) => coefficients.set(name, (coefficients.get(name) ?? 0) + value);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const share = (to - from) / total;
    const active = mounts.filter((m) => m.startMs <= from && m.endMs >= to && m.endMs > m.startMs);
    if (active.length === 0) add(UNMOUNTED, share);
    else for (const m of active) add(m.name, share / active.length);
  }
  return coefficients;
}

export interface ClaimSample {
  /** How long this sample stands for inside the hour, seconds (sampleDurations). */
  durationSeconds: number;
  /** The claim's size at the sample: bound capacity, else the requested size. */
  bytes: number;
  /** Pods (by uid) mounting the claim and holding resources at the sample. */
  podUids: readonly string[];
}

export interface ClaimShare {
  byteHours: number;
  costUsd: number;
}

/**
 * One PVC's cost over an hour, split among the pods mounting it over time: each sample's
 * cost, bytes / 1024³ × usdPerGiBHour × durationSeconds / 3600, goes in equal parts to the
 * pods mounting it then, or to `__unmounted__` when none does; byte-hours likewise. This is
 * `pvcShareCoefficients` at the resolution of the scrapes. Returns pod uid → share.
 * Example: 10 GiB at $0.0001/GiB-h for 3600 s, pods a and b → $0.0005 each.
 */
export function allocateClaimHour(samples: readonly ClaimSample[], usdPerGiBHour: number): Map<string, ClaimShare> {
  const shares = new Map<string, ClaimShare>();
  for (const s of samples) {
    if (s.durationSeconds <= 0) continue;
    const byteHours = (s.bytes * s.durationSeconds) / 3600;
    const costUsd = (byteHours / 1024 ** 3) * usdPerGiBHour;
    const holders = s.podUids.length ? s.podUids : [UNMOUNTED];
    for (const holder of holders) {
      const share = shares.get(holder) ?? { byteHours: 0, costUsd: 0 };
      share.byteHours += byteHours / holders.length;
      share.costUsd += costUsd / holders.length;
      shares.set(holder, share);
    }
  }
  return shares;
}
