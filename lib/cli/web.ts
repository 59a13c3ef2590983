import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import next from 'next';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where the dashboard listens unless `HOST` says otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

export interface RunningWeb {
  /** The address the server really listens on, e.g. `http://127.0.0.1:3000`. */
  url: string;
  close(): Promise<void>;
}

/** The dashboard's host: `HOST` (e.g. `0.0.0.0` in a container), else 127.0.0.1. */
export function hostFromEnv(env: Record<string, string | undefined> = process.env): string {
  return env.HOST || DEFAULT_HOST;
}

/** Listens on `host:port` and resolves to the address really bound (port 0 picks a free one). */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return listeningUrl(server.address() as AddressInfo);
}

/** `http://host:port` of a listening server (IPv6 in brackets). */
export function listeningUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Serves the Next.js dashboard in this process on `host` (default 127.0.0.1: a dashboard
 * without login is not for the network unless asked); builds it first when no build exists.
 */
export async function startWeb(port: number, host: string = DEFAULT_HOST): Promise<RunningWeb> {
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    console.log('building the dashboard (first start only)…');
    const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const app = next({ dev: false, dir: ROOT, port, hostname: host });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => void handle(req, res));
  const url = await listen(server, port, host);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
