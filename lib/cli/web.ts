import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import next from 'next';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Serves the Next.js dashboard in this process; builds it first when no build exists. */
export async function startWeb(port: number): Promise<{ close(): Promise<void> }> {
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    console.log('building the dashboard (first start only)…');
    const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const app = next({ dev: false, dir: ROOT, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
