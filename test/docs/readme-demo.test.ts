import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { runDemoClusterCommand } from '../../lib/demo/cli';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

// The README's demo-cluster example: the command, the kubeconfig line it prints, and the collect that uses it.
function example(): { args: string[]; printed: string; collect: string } {
  const block = /```sh\n(npx tally demo-cluster [^\n]*)\n# (kubeconfig: [^\n]+)\n(npx tally collect [^\n]+)\n```/.exec(README);
  if (!block) throw new Error('README: no demo-cluster example (command, "# kubeconfig: …" line, collect)');
  return { args: block[1]!.split(/\s+/).slice(3), printed: block[2]!, collect: block[3]! };
}

const asPattern = (text: string) =>
  new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('/tmp/', `${tmpdir()}/`).replace(/XXXXXX/g, '[A-Za-z0-9]{6}')}$`);

test("the README's demo-cluster example shows the kubeconfig path the command really prints", async () => {
  const { args, printed, collect } = example();
  // The README's own options, on a free port (the example's may be taken here).
  const port = args.indexOf('--port');
  if (port >= 0) args[port + 1] = '0';
  const out: string[] = [];
  const controller = new AbortController();
  const running = runDemoClusterCommand(args, { stdout: (l) => out.push(l), stderr: (l) => out.push(l), signal: controller.signal });
  let line: string | undefined;
  for (let i = 0; i < 200 && !line; i++) {
    await new Promise((r) => setTimeout(r, 50));
    line = out.find((l) => l.startsWith('kubeconfig: '));
  }
  controller.abort();
  expect(await running).toBe(0);
  expect(line).toMatch(asPattern(printed));
  const path = line!.slice('kubeconfig: '.length);
  expect(collect.replace(/\/tmp\/tally-demo-XXXXXX\/\S+/, path)).toBe(`npx tally collect --once --kubeconfig ${path} --json`);
});
