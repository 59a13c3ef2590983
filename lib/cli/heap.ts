import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past the live heap after a full GC, in percent, for a
 * collect. V8's own factor reaches 4× for a young, fast-allocating heap; a collect parses
 * hundreds of MB of list pages that die within a page, so at 1,000 nodes / 30,000 pods most of
 * its 395 MB peak RSS was garbage waiting for a full GC. At 50% it peaks near 315 MB (see
 * BENCHMARKS.md), with no fixed cap: a bigger cluster's live heap still grows as it needs.
 */
export const COLLECT_HEAP_GROWING_PERCENT = 50;

/** Sets the process's old-generation growing factor to 1 + percent/100 (a V8 flag read at every full GC). */
export function limitHeapGrowth(percent: number = COLLECT_HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
