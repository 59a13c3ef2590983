/**
 * Exact parsing of Kubernetes resource quantities (`resource.Quantity`), with BigInt rational
 * arithmetic so that `1.5Gi`, `129M` or `12345n` never pass through a float.
 *
 * Grammar (k8s.io/apimachinery/pkg/api/resource):
 *   quantity = [+-] number [suffix];  number = digits | digits "." [digits] | "." digits
 *   suffix   = Ki | Mi | Gi | Ti | Pi | Ei | n | u | m | "" | k | M | G | T | P | E | (e|E) [+-] digits
 */

/** A string that is no Kubernetes quantity (or no usable resource amount); the message quotes it. */
export class QuantityError extends Error {
  constructor(readonly text: string, reason = 'not a valid quantity') {
    // JSON quoting shows stray spaces and control characters; very long input is cut short.
    super(`${JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text)}: ${reason}`);
    this.name = 'QuantityError';
  }
}

/** An exact rational value: numerator / denominator, denominator > 0. */
export interface Quantity {
  numerator: bigint;
  denominator: bigint;
}

const PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXPONENT: Record<string, bigint> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };

/**
 * Parses a quantity string into its exact value: sign × number × 10^e for a decimal suffix
 * (n −9, u −6, m −3, k 3, M 6, G 9, T 12, P 15, E 18) or an exponent (`1.5e-3`), and
 * sign × number × 2^(10·k) for a binary one (Ki k=1 … Ei k=6). `1.5Gi` → 16106127360/10,
 * `250u` → 250/1000000 (not reduced). Negative values parse (`-1`); the to* converters
 * reject them. Throws QuantityError for anything Kubernetes rejects (empty, spaces, `1Kb`,
 * `1ki`, `1.2.3`, a bare suffix, `--1`, `NaN`, ...) and for exponents beyond ±100, which no
 * resource needs and which would make the BigInts huge.
 */
export function parseQuantity(text: string): Quantity {
  const match = PATTERN.exec(text);
  if (!match) throw new QuantityError(text);
  const [, sign, number, exponent, suffix] = match;
  const [whole = '', fraction = ''] = number!.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let denominator = 10n ** BigInt(fraction.length);
  let power10 = 0;
  if (exponent !== undefined) {
    power10 = Number(exponent);
    if (Math.abs(power10) > 100) throw new QuantityError(text, 'exponent out of range');
  } else if (suffix && suffix in BINARY_EXPONENT) {
    numerator *= 2n ** BINARY_EXPONENT[suffix]!;
  } else if (suffix) {
    power10 = DECIMAL_EXPONENT[suffix]!;
  }
  if (power10 >= 0) numerator *= 10n ** BigInt(power10);
  else denominator *= 10n ** BigInt(-power10);
  if (sign === '-') numerator = -numerator;
  return { numerator, denominator };
}

/** ⌈n / d⌉ for n ≥ 0, d > 0, as a safe JS integer. */
function ceilToSafeInteger(text: string, numerator: bigint, denominator: bigint): number {
  if (numerator < 0n) throw new QuantityError(text, 'a resource quantity cannot be negative');
  const value = (numerator + denominator - 1n) / denominator;
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new QuantityError(text, 'too large');
  return Number(value);
}

/**
 * CPU quantity → integer millicores, ⌈value × 1000⌉ like Kubernetes' MilliValue(): `100m` → 100,
 * `1.5` → 1500, `2` → 2000, `487558164n` → 488, `250u` → 1, `1e3` → 1,000,000. Throws
 * QuantityError when malformed, negative, or above Number.MAX_SAFE_INTEGER.
 */
export function toMillicores(text: string): number {
  const q = parseQuantity(text);
  return ceilToSafeInteger(text, q.numerator * 1000n, q.denominator);
}

/**
 * Memory or storage quantity → integer bytes, ⌈value⌉ like Kubernetes' Value(): `128Mi` →
 * 134,217,728, `1.5Gi` → 1,610,612,736, `129M` → 129,000,000, `1e3` → 1000, `1m` → 1. Throws
 * QuantityError when malformed, negative, or above Number.MAX_SAFE_INTEGER (8 PiB; `9Ei`).
 */
export function toBytes(text: string): number {
  const q = parseQuantity(text);
  return ceilToSafeInteger(text, q.numerator, q.denominator);
}

/**
 * Countable resource (GPUs, `nvidia.com/gpu`) → integer count, ⌈value⌉: `1` → 1, `2` → 2,
 * `500m` → 1. Throws QuantityError when malformed, negative or above Number.MAX_SAFE_INTEGER.
 */
export function toCount(text: string): number {
  return toBytes(text);
}
