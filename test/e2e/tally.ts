import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { requireChromium } from '../helpers/chromium';

const BIN = fileURLToPath(new URL('../../lib/cli/bin.cjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILD_ID = path.join(ROOT, '.next', 'BUILD_ID');
const BUILD_LOCK = path.join(ROOT, '.next-build.lock');

/**
 * Builds the dashboard once when no build exists, before any `tally start` would: the browser
 * test files run in parallel and two `next build`s in one directory break each other. A lock
 * directory serialises them; one older than 10 minutes is taken to be a crashed build's.
 */
export async function ensureDashboardBuilt(): Promise<void> {
  while (!existsSync(BUILD_ID)) {
    try {
      mkdirSync(BUILD_LOCK);
    } catch {
      const lock = statSync(BUILD_LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 600_000) rmSync(BUILD_LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    try {
      if (existsSync(BUILD_ID)) return;
      const build = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
        cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      });
      const code = await new Promise<number | null>((resolve) => build.once('exit', resolve));
      if (code !== 0) throw new Error(`next build exited with ${code}`);
    } finally {
      rmSync(BUILD_LOCK, { recursive: true, force: true });
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Running {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<void>;
}

/** `tally start --demo` on an embedded database in `dataDir`, with `days` (two by default) of demo history. */
export function startTally(dataDir: string, port: number, days = 2): Running {
  const child = spawn(process.execPath, [BIN, 'start', '--demo', '--port', String(port)], {
    env: { ...process.env, DATABASE_URL: '', TALLY_CONFIG: '', TALLY_DATA_DIR: dataDir, TALLY_DEMO_DAYS: String(days), NEXT_TELEMETRY_DISABLED: '1' },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return {
    child,
    output: () => out,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const timer = setInterval(() => {
          if (pattern.test(out)) {
            clearInterval(timer);
            resolve();
          } else if (Date.now() - started > timeoutMs || child.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`no ${pattern} in:\n${out}`));
          }
        }, 200);
      }),
  };
}

export function stop(running: Running): Promise<number | null> {
  if (running.child.exitCode !== null) return Promise.resolve(running.child.exitCode);
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGINT');
  });
}

/**
 * Headless Chromium on a new, empty profile. Never skipped: without the browser this throws
 * the command that installs it.
 */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = requireChromium();
  const profile = mkdtempSync(path.join(tmpdir(), 'tally-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
