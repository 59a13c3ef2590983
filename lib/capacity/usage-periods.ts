/**
 * Hours and UTC days of a workload container's usage (UsagePeriod), the VPA's input. A day is its
 * hours merged with the VPA's decay referenced to the day's start: a sample of weight w at hour h
 * weighs w × 2^((h − ref) ÷ halfLife) in the VPA, and 2^((h − ref) ÷ halfLife) =
 * 2^((h − day) ÷ halfLife) × 2^((day − ref) ÷ halfLife), so the day's weights Σ w × 2^((h − day) ÷ halfLife)
 * added at the day's start give the hours' histogram exactly. The rollup (lib/ingest/rollup-days)
 * computes the same in SQL.
 */
import { DAY_MS } from './proposal';
import type { UsagePeriod } from './types';
import { mergeHistograms, type UsageHistogram } from './usage-histogram';

/** An hour of a container: its merged CPU histogram (counts) and each pod's memory peak. */
export function hourPeriod(hourStartMs: number, cpuHistogram: UsageHistogram, memoryPeaksBytes: readonly number[]): UsagePeriod {
  let samples = 0;
  for (const c of cpuHistogram.counts) samples += c;
  return {
    startMs: hourStartMs,
    cpuDecayedHistogram: cpuHistogram,
    cpuSamples: samples,
    firstSampleHourMs: samples > 0 ? hourStartMs : null,
    lastSampleHourMs: samples > 0 ? hourStartMs : null,
    memoryPeaksBytes: [...memoryPeaksBytes].sort((a, b) => b - a),
  };
}

/**
 * The rank-wise maxima of sorted peak lists: out[i] = max over lists of the i-th largest, so the
 * first is the overall peak and the length is the most pods any list had.
 */
export function rankwiseMaxima(lists: ReadonlyArray<readonly number[]>): number[] {
  const out: number[] = [];
  for (const list of lists) {
    const sorted = [...list].sort((a, b) => b - a);
    sorted.forEach((p, i) => (out[i] = Math.max(out[i] ?? Number.NEGATIVE_INFINITY, p)));
  }
  return out;
}

/**
 * Periods grouped by UTC day (see the module comment for the weights, half-life in ms): samples
 * summed, first and last sample hours kept, memory peaks rank-wise maxima. Days ascending.
 */
export function mergePeriodsByDay(periods: readonly UsagePeriod[], halfLifeMs: number): UsagePeriod[] {
  const days = new Map<number, UsagePeriod[]>();
  for (const p of periods) {
    const day = Math.floor(p.startMs / DAY_MS) * DAY_MS;
    const list = days.get(day);
    if (list) list.push(p);
    else days.set(day, [p]);
  }
  return [...days.entries()].sort((a, b) => a[0] - b[0]).map(([day, list]) => {
    const sampled = list.filter((p) => p.cpuSamples > 0);
    return {
      startMs: day,
      cpuDecayedHistogram: mergeHistograms(list.map((p) => p.cpuDecayedHistogram), list.map((p) => 2 ** ((p.startMs - day) / halfLifeMs))),
      cpuSamples: list.reduce((sum, p) => sum + p.cpuSamples, 0),
      firstSampleHourMs: sampled.length ? Math.min(...sampled.map((p) => p.firstSampleHourMs ?? Number.POSITIVE_INFINITY)) : null,
      lastSampleHourMs: sampled.length ? Math.max(...sampled.map((p) => p.lastSampleHourMs ?? Number.NEGATIVE_INFINITY)) : null,
      memoryPeaksBytes: rankwiseMaxima(list.map((p) => p.memoryPeaksBytes)),
    };
  });
}

/** Each UTC day's pod memory peaks (rank-wise maxima of its periods' peaks), keyed by day start (ms). */
export function dailyPodPeaks(periods: readonly UsagePeriod[]): Map<number, number[]> {
  const lists = new Map<number, number[][]>();
  for (const p of periods) {
    if (p.memoryPeaksBytes.length === 0) continue;
    const day = Math.floor(p.startMs / DAY_MS) * DAY_MS;
    const list = lists.get(day);
    if (list) list.push(p.memoryPeaksBytes);
    else lists.set(day, [p.memoryPeaksBytes]);
  }
  return new Map([...lists.entries()].map(([day, l]) => [day, rankwiseMaxima(l)]));
}
