/**
 * How the generated organisation writes quantities (`250m`, `2`, `512Mi`, `487558164n`,
 * `16071980Ki`). Reading a quantity is lib/k8s/quantity.ts's job, the one parser of the
 * project (the organisation's catalog is read with it too); a test parses every form written
 * here back with it.
 */

const BINARY_SUFFIX: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/** Millicores → the canonical CPU quantity: 2000 → `2`, 250 → `250m`. */
export function formatMillicores(millicores: number): string {
  const rounded = Math.round(millicores);
  return rounded % 1000 === 0 ? String(rounded / 1000) : `${rounded}m`;
}

/** Bytes → the largest exact binary suffix: 2147483648 → `2Gi`, 805306368 → `768Mi`. */
export function formatBytes(bytes: number): string {
  const rounded = Math.round(bytes);
  for (const suffix of ['Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const unit = BINARY_SUFFIX[suffix] ?? 1;
    if (rounded >= unit && rounded % unit === 0) return `${rounded / unit}${suffix}`;
  }
  return String(rounded);
}

/** Metrics-server CPU form: millicores (fractional) → integer nanocores with suffix `n`. */
export function formatNanocores(millicores: number): string {
  return `${Math.max(0, Math.round(millicores * 1_000_000))}n`;
}

/** Metrics-server memory form: bytes → whole kibibytes with suffix `Ki`. */
export function formatKibibytes(bytes: number): string {
  return `${Math.max(0, Math.round(bytes / 1024))}Ki`;
}

const CPU_LADDER_MILLICORES = [25, 50, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000, 8000];
const MEMORY_LADDER_MIB = [32, 64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576, 32768];

/**
 * Scales a CPU request by `factor` (≤ 1 shrinks) and snaps it down to a value people write
 * (`250m`, `1`, ...), never below 25m. Used when a large cluster must fit its nodes.
 */
export function scaleCpuMillicores(millicores: number, factor: number): number {
  const target = millicores * factor;
  let best = CPU_LADDER_MILLICORES[0] ?? 25;
  for (const step of CPU_LADDER_MILLICORES) if (step <= target) best = step;
  return Math.min(best, millicores);
}

/** As `scaleCpuMillicores`, for memory in bytes, snapping to MiB/GiB steps, never below 32Mi. */
export function scaleMemoryBytes(bytes: number, factor: number): number {
  const target = bytes * factor;
  let best = (MEMORY_LADDER_MIB[0] ?? 32) * 1024 ** 2;
  for (const mib of MEMORY_LADDER_MIB) if (mib * 1024 ** 2 <= target) best = mib * 1024 ** 2;
  return Math.min(best, bytes);
}
