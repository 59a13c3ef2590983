import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, test } from 'vitest';
import { DEFAULT_HOST, hostFromEnv, listen } from '../../lib/cli/web';

// An address of this machine other than loopback, if it has one (a container always does).
const externalIPv4 = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('the dashboard listens on 127.0.0.1 unless HOST says otherwise', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve())));

  test('HOST unset: loopback only, and the printed address is the one bound', async () => {
    expect(hostFromEnv({})).toBe('127.0.0.1');
    expect(hostFromEnv({ HOST: '' })).toBe(DEFAULT_HOST);
    server = createServer((_, res) => res.end('ok'));
    const url = await listen(server, 0, hostFromEnv({}));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(url)).text()).toBe('ok');
    if (externalIPv4) {
      const port = new URL(url).port;
      await expect(fetch(`http://${externalIPv4}:${port}`)).rejects.toThrow();
    }
  });

  test('HOST=0.0.0.0 (a container): every interface, printed as bound', async () => {
    server = createServer((_, res) => res.end('ok'));
    const url = await listen(server, 0, hostFromEnv({ HOST: '0.0.0.0' }));
    expect(url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    if (externalIPv4) expect(await (await fetch(`http://${externalIPv4}:${new URL(url).port}`)).text()).toBe('ok');
  });

  test('a port in use is refused with the error, not a silent second server', async () => {
    server = createServer();
    const url = await listen(server, 0, DEFAULT_HOST);
    const second = createServer();
    await expect(listen(second, Number(new URL(url).port), DEFAULT_HOST)).rejects.toThrow(/EADDRINUSE/);
  });
});
