/** Quantity reading for assertions, through the project's one parser (lib/k8s/quantity.ts). */
import { parseQuantity, toBytes, toMillicores } from '../../lib/k8s/quantity';

export function cpuMillicores(q: string | undefined): number {
  return q ? toMillicores(q) : 0;
}

export function bytes(q: string | undefined): number {
  return q ? toBytes(q) : 0;
}

/** metrics.k8s.io CPU: nanocores `123n` → millicores, fractional. */
export function nanoToMillicores(q: string): number {
  if (!q.endsWith('n')) throw new Error(`expected nanocores, got ${q}`);
  const { numerator, denominator } = parseQuantity(q);
  return Number(numerator * 1000n) / Number(denominator);
}
