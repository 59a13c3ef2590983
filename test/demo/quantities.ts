/** Tiny quantity parsing for assertions (the forms the demo writes). */
export function cpuMillicores(q: string | undefined): number {
  if (!q) return 0;
  return q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000;
}

const UNITS: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

export function bytes(q: string | undefined): number {
  if (!q) return 0;
  const m = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(q);
  if (!m) throw new Error(`unexpected quantity ${q}`);
  return Number(m[1]) * (m[2] ? (UNITS[m[2]] ?? 1) : 1);
}

/** metrics.k8s.io CPU: nanocores `123n` → millicores. */
export function nanoToMillicores(q: string): number {
  if (!q.endsWith('n')) throw new Error(`expected nanocores, got ${q}`);
  return Number(q.slice(0, -1)) / 1e6;
}
