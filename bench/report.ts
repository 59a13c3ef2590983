import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
const HEADER =
  '# Benchmarks\n\nNumbers from `bench/`, medians over repeated runs in one session, with ratios to a baseline measured in the same run so that machine noise cancels out.\n\n';

/** Replaces (or appends) the section between `<!-- bench:NAME -->` markers in BENCHMARKS.md, and prints it. */
export function writeBenchmarkSection(name: string, lines: string[]): void {
  const section = lines.join('\n');
  console.log(section);
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const block = `${start}\n${section}\n${end}`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(FILE, next);
}
