// Shared by bench/finance.ts and its child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const root = fileURLToPath(new URL('..', import.meta.url));

/** The last whole UTC month before `nowMs`, `YYYY-MM`. */
export function lastWholeMonth(nowMs: number): string {
  const d = new Date(nowMs);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

export const percentile = (xs: readonly number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
export const median = (xs: readonly number[]) => percentile(xs, 0.5);

/** `node [flags] --import tsx <script> args…` in the repository, stderr shown; resolves to its stdout once it exits 0. */
export function runScript(script: string, args: string[], options: { nodeFlags?: string[]; env?: Record<string, string> } = {}): { child: ChildProcess; done: Promise<string> } {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', script, ...args], {
    cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...options.env },
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const done = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code ?? signal}`))));
  });
  return { child, done };
}

/** The JSON of the child's `RESULT {…}` line. */
export function resultOf<T>(stdout: string): T {
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no RESULT line in: ${stdout.slice(0, 500)}`);
  return JSON.parse(line.slice('RESULT '.length)) as T;
}
