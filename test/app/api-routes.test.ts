import { describe, expect, test } from 'vitest';
import * as catchAll from '../../app/api/[[...path]]/route';
import * as allocation from '../../app/api/v1/allocation/route';
import * as delivery from '../../app/api/v1/delivery/route';
import * as deployments from '../../app/api/v1/deployments/route';
import * as platform from '../../app/api/v1/platform/route';
import * as health from '../../app/api/health/route';

type Route = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS', (request: Request) => Response | Promise<Response>>>;

async function call(route: Route, method: keyof Route, url: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const handler = route[method];
  if (!handler) throw new Error(`${method} is not exported: Next would answer it with a bare 405`);
  const response = await handler(new Request(url, { method }));
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, body: type.includes('json') ? await response.json() : await response.text() };
}

describe('every /api path answers JSON, errors included', () => {
  test.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const)('%s on an unknown path is a JSON 404', async (method) => {
    const { status, headers, body } = await call(catchAll, method, 'http://127.0.0.1/api/v1/nope');
    expect(status).toBe(404);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: 'no API at /api/v1/nope', requestId: headers.get('x-request-id') } });
  });

  test.each([
    ['/api/v1/allocation', allocation],
    ['/api/v1/delivery', delivery],
    ['/api/v1/deployments', deployments],
    ['/api/v1/platform', platform],
    ['/api/health', health],
  ] as const)('a method %s does not serve is a JSON 405 with Allow; OPTIONS tells the truth', async (path, route) => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const { status, headers, body } = await call(route, method, `http://127.0.0.1${path}`);
      expect(status).toBe(405);
      expect(headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(body).toEqual({
        error: { code: 'INVALID', message: `${method} is not allowed on ${path}; allowed: GET, HEAD, OPTIONS`, requestId: headers.get('x-request-id') },
      });
    }
    const options = await call(route, 'OPTIONS', `http://127.0.0.1${path}`);
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});
