import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { requireChromium } from '../helpers/chromium';

const BIN = fileURLToPath(new URL('../../lib/cli/bin.cjs', import.meta.url));

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

/** `tally start --demo` on an embedded database in `dataDir`, with two days of demo history. */
export function startTally(dataDir: string, port: number): Running {
  const child = spawn(process.execPath, [BIN, 'start', '--demo', '--port', String(port)], {
    env: { ...process.env, DATABASE_URL: '', TALLY_CONFIG: '', TALLY_DATA_DIR: dataDir, TALLY_DEMO_DAYS: '2', NEXT_TELEMETRY_DISABLED: '1' },
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
