import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

// The mapping modules must run on fixtures alone: no Kubernetes client, database, Next.js or
// Node I/O at runtime (`import type` is erased and allowed).
const PURE = ['quantity', 'node-labels', 'owners', 'owner-lookups', 'mapping', 'objects', 'to-snapshot', 'to-storage', 'to-usage'];

function runtimeImports(source: string): string[] {
  const specifiers = [...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
  return [...specifiers, ...[...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!)];
}

describe('pure lib/k8s modules import only each other at runtime', () => {
  test.each(PURE)('%s.ts', (name) => {
    const source = readFileSync(new URL(`../../lib/k8s/${name}.ts`, import.meta.url), 'utf8');
    for (const specifier of runtimeImports(source)) expect(specifier).toMatch(/^\.\/(quantity|node-labels|owners|mapping|to-storage|to-usage)$/);
  });
});
