/**
 * Deterministic randomness for the generated organisation: everything derives from the seed and
 * the names of the objects, so adding one workload does not reshuffle every other one.
 */

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit hash of the parts (FNV-1a with a murmur3 finaliser); stable across runs and platforms. */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform float in [0, 1) determined by the parts. */
export function unitHash(...parts: ReadonlyArray<string | number>): number {
  return hash32(...parts) / 4294967296;
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Kubernetes-style random suffix (the alphabet of `rand.SafeEncodeString`), e.g. `x7k2p`. */
export function k8sSuffix(length: number, ...parts: ReadonlyArray<string | number>): string {
  const next = mulberry32(hash32(...parts));
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE_ALPHABET[Math.floor(next() * SAFE_ALPHABET.length)];
  return out;
}

/** Lower-case hex string of the given length determined by the parts. */
export function hexId(length: number, ...parts: ReadonlyArray<string | number>): string {
  const next = mulberry32(hash32(...parts));
  let out = '';
  while (out.length < length) out += Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** RFC 4122 version-4-shaped UUID determined by the parts. */
export function uidFor(...parts: ReadonlyArray<string | number>): string {
  const hex = hexId(32, 'uid', ...parts);
  const variant = '89ab'[hash32('variant', ...parts) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
