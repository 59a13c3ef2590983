import { describe, expect, test } from 'vitest';
import * as catchAll from '../../app/api/[[...path]]/route';

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

  // Every route file under app/api, found on disk: a new route is covered without editing this list.
  const routes = Object.entries(import.meta.glob<Route>('../../app/api/**/route.ts'))
    .filter(([file]) => !file.includes('[['))
    .map(([file, load]) => [file.replace('../../app', '').replace('/route.ts', ''), load] as const);

  test('the route files are found', () => {
    expect(routes.map(([path]) => path)).toEqual(expect.arrayContaining([
      '/api/v1/allocation', '/api/v1/delivery', '/api/v1/deployments', '/api/v1/platform', '/api/health',
      '/api/v1/recommendations/containers', '/api/v1/capacity/node-pools',
    ]));
  });

  test.each(routes)('a method %s does not serve is a JSON 405 with Allow; OPTIONS tells the truth', async (path, load) => {
    const route = await load();
    const options = await call(route, 'OPTIONS', `http://127.0.0.1${path}`);
    expect(options.status).toBe(204);
    const allow = options.headers.get('allow') ?? '';
    expect(allow).toMatch(/^[A-Z]+(, [A-Z]+)*$/);
    const allowed = allow.split(', ');
    for (const method of (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter((m) => !allowed.includes(m))) {
      const { status, headers, body } = await call(route, method, `http://127.0.0.1${path}`);
      expect(status).toBe(405);
      expect(headers.get('allow')).toBe(allow);
      expect(body).toEqual({
        error: { code: 'INVALID', message: `${method} is not allowed on ${path}; allowed: ${allow}`, requestId: headers.get('x-request-id') },
      });
    }
    // A method it serves is exported (Next would answer a missing one with a bare 405).
    for (const method of allowed.filter((m) => m !== 'HEAD' && m !== 'OPTIONS')) expect(typeof route[method as keyof Route]).toBe('function');
  });
});
