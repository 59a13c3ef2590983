import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/** lib/cost is pure: it imports only its own files and reads no clock, randomness, env or disk. */
const dir = fileURLToPath(new URL('../../lib/cost/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe.each(files)('lib/cost/%s', (file) => {
  const source = readFileSync(dir + file, 'utf8');
  const imports = [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);

  test('imports only sibling modules, extensionless', () => {
    for (const specifier of imports) expect(specifier).toMatch(/^\.\/[\w-]+$/);
  });

  test.each([
    ['the clock', /\bDate\.now\b|new Date\(/],
    ['randomness', /\bMath\.random\b/],
    ['the environment', /\bprocess\./],
    ['dynamic imports or require', /\bimport\(|\brequire\(/],
    ['any', /:\s*any\b|\bas any\b|<any>/],
  ])('does not use %s', (_name, pattern) => expect(source).not.toMatch(pattern));

  test('stays readable in one sitting (≤ 200 lines)', () => expect(source.split('\n').length).toBeLessThanOrEqual(200));
});
