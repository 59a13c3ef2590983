import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../lib/cli/bin.cjs', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  bin: Record<string, string>;
  engines: { node: string };
  type: string;
};

// The machine's own Node (Debian's) is older than 22 here and on CI: the real thing to test with.
const OLD_NODE = ['/usr/bin/node', '/usr/local/bin/node'].find((candidate) => {
  if (!existsSync(candidate)) return false;
  const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  return Number(version.split('.')[0]) < 22;
});
// Without one, the current Node made to report 20 (never a skip).
const OLD_NODE_COMMAND = OLD_NODE
  ? [OLD_NODE, BIN]
  : [process.execPath, '--require', fileURLToPath(new URL('../fixtures/node-20-versions.cjs', import.meta.url)), BIN];

describe('the tally command', () => {
  test('package.json declares the bin, ESM and Node >= 22', () => {
    expect(pkg.bin.tally).toBe('lib/cli/bin.cjs');
    expect(pkg.type).toBe('module');
    expect(pkg.engines.node).toMatch(/^>=22/);
  });

  test(`an older Node prints one clear line and exits 2 (${OLD_NODE ?? 'Node reporting 20'})`, () => {
    const [node, ...args] = OLD_NODE_COMMAND;
    const result = spawnSync(node!, [...args, 'migrate'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Node\.js 22\.19 or newer is required \(found v\d+/);
  });

  test('an unknown command lists the commands and exits 2', () => {
    const result = spawnSync(process.execPath, [BIN, 'frobnicate'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain('collect');
    expect(result.stderr).toContain('demo-cluster');
  });
});
