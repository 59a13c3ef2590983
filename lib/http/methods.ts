import { jsonError } from './errors';
import { requestIdOf } from './request-id';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = (request: Request) => Response;

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The `Allow` header of a route serving `allowed` (HEAD comes with GET; OPTIONS always). */
export function allowHeader(allowed: HttpMethod[]): string {
  return [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
}

/**
 * Handlers for the methods a route does not serve: a JSON 405 with an `Allow` header, and
 * OPTIONS answering the real `Allow` (Next's own would list these handlers too). A route
 * exports them next to its own: `export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET')`.
 */
export function otherMethods(...allowed: HttpMethod[]): Record<HttpMethod | 'OPTIONS', Handler> {
  const allow = allowHeader(allowed);
  const notAllowed: Handler = (request) =>
    jsonError(405, 'INVALID', `${request.method} is not allowed on ${new URL(request.url).pathname}; allowed: ${allow}`, requestIdOf(request), {
      Allow: allow,
    });
  const handlers = Object.fromEntries(METHODS.map((m) => [m, notAllowed])) as Record<HttpMethod, Handler>;
  return { ...handlers, OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow } }) };
}
