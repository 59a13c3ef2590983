import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOT_IN_A_CLONE = ['node_modules', '.next', '.tally', '.git'];

interface Link {
  file: string;
  line: number;
  target: string;
}

/** Inline links and images `[text](target)` and reference definitions `[id]: target`, outside code. */
function linksIn(file: string, markdown: string): Link[] {
  const links: Link[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, index) => {
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    if (fenced) return;
    const prose = text.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ file, line: index + 1, target: m[1]! });
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(prose);
    if (definition) links.push({ file, line: index + 1, target: definition[1]! });
  });
  return links;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsIn(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) anchors.add(anchorOf(heading[1]!));
  }
  return anchors;
}

/** Why a relative link is broken (null when it resolves to a file or folder inside the repo). */
function problemWith(link: Link, root: string): string | null {
  const { target } = link;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return null; // a URL: not a file
  const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
  if (pathPart.startsWith('/')) return 'is absolute: link relative to the file instead';
  const resolved = pathPart ? path.resolve(path.dirname(link.file), decodeURIComponent(pathPart)) : link.file;
  const relative = path.relative(root, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return 'points outside the repository (a clone has no such file)';
  if (NOT_IN_A_CLONE.includes(relative.split(path.sep)[0]!)) return `points into ${relative.split(path.sep)[0]}, which a clone does not have`;
  if (!existsSync(resolved)) return 'names no file in the repository';
  if (anchor && resolved.endsWith('.md') && statSync(resolved).isFile() && !anchorsIn(readFileSync(resolved, 'utf8')).has(anchor)) {
    return `has no heading #${anchor}`;
  }
  return null;
}

const DOCS = [path.join(ROOT, 'README.md'), ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(ROOT, 'docs', f))];

describe('README.md and docs/*.md link only to files in the repository', () => {
  const links = DOCS.flatMap((file) => linksIn(file, readFileSync(file, 'utf8')));

  test('every relative link resolves to a file inside the repository', () => {
    const broken = links
      .map((link) => ({ link, problem: problemWith(link, ROOT) }))
      .filter((b) => b.problem !== null)
      .map(({ link, problem }) => `${path.relative(ROOT, link.file)}:${link.line}: ${link.target} ${problem}`);
    expect(broken).toEqual([]);
  });

  test('the README leads to the design in docs/, and the docs exist', () => {
    const fromReadme = links.filter((l) => l.file.endsWith('README.md')).map((l) => l.target);
    for (const doc of ['docs/architecture.md', 'docs/cost-model.md', 'docs/contracts.md', 'docs/delivery-model.md']) {
      expect(fromReadme).toContain(doc);
    }
    expect(links.filter((l) => !/^[a-z]+:/i.test(l.target)).length).toBeGreaterThan(15);
  });

  test('the checker catches what a clone would not have', () => {
    const readme = path.join(ROOT, 'README.md');
    const check = (markdown: string) => linksIn(readme, markdown).map((l) => problemWith(l, ROOT));
    expect(check('see [design](../shared/DESIGN.md)')).toEqual(['points outside the repository (a clone has no such file)']);
    expect(check('[x](docs/nope.md) and ![img](public/missing.png)')).toEqual(['names no file in the repository', 'names no file in the repository']);
    expect(check('[x](/etc/passwd)')).toEqual(['is absolute: link relative to the file instead']);
    expect(check('[x](docs/contracts.md#no-such-heading)')).toEqual(['has no heading #no-such-heading']);
    expect(check('[ok](docs/contracts.md#errors) [web](https://example.com/a) [here](#monitoring)\n[ref]: tally.example.yaml')).toEqual([null, null, null, null]);
    expect(check('```\n[not a link](../outside.md)\n```\nand `[code](../x)`')).toEqual([]);
  });
});
