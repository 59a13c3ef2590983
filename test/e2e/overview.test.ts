import { afterAll, describe, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { requireChromium } from '../helpers/chromium';

const BIN = fileURLToPath(new URL('../../lib/cli/bin.cjs', import.meta.url));
const TEAMS = ['checkout', 'search', 'payments', 'data', 'platform-web', 'ml', 'unallocated'];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<void>;
}

function startTally(dataDir: string, port: number): Running {
  const child = spawn(process.execPath, [BIN, 'start', '--demo', '--port', String(port)], {
    env: { ...process.env, DATABASE_URL: '', TALLY_DATA_DIR: dataDir, TALLY_DEMO_DAYS: '2', NEXT_TELEMETRY_DISABLED: '1' },
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

function stop(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGINT');
  });
}

describe('npm start on an empty embedded database, seen in Chromium', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('backfills the demo cluster, shows every team with its cost and the chart, stops cleanly, restarts without a second backfill', async () => {
    const executablePath = requireChromium();
    const port = await freePort();
    const first = startTally(dataDir, port);
    await first.waitFor(/collecting demo/, 240_000);
    expect(first.output()).toMatch(/backfill: \d{3,} scrapes replayed/);

    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
      const table = page.getByTestId('team-costs');
      for (const team of TEAMS) {
        const row = table.locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${team}$`) }) });
        await expect(row.count()).resolves.toBe(1);
        const cost = await row.locator('td').nth(1).innerText();
        expect(Number(cost.replace(/[$,]/g, ''))).toBeGreaterThan(0);
      }
      expect(await page.locator('.chart svg path.recharts-area-area').count()).toBeGreaterThanOrEqual(TEAMS.length);
      const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', clusters: [{ name: 'demo' }] });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('tally_job_runs_total');
    } finally {
      await browser.close();
    }
    expect(await stop(first)).toBe(0);

    const second = startTally(dataDir, port);
    await second.waitFor(/collecting demo/, 120_000);
    const replayed = Number(/backfill: (\d+) scrapes replayed/.exec(second.output())![1]);
    expect(replayed).toBeLessThan(5); // only the minutes since the first run stopped
    expect(second.output()).toMatch(/database: embedded PGlite .*, up to date/);
    expect(await stop(second)).toBe(0);
  }, 400_000);
});
