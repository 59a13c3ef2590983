import { jsonError } from '@/lib/http/errors';
import { requestIdOf } from '@/lib/http/request-id';

export const dynamic = 'force-dynamic';

/** Any /api path no route serves: a JSON 404 in the API's error shape, whatever the method. */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return jsonError(404, 'NOT_FOUND', `no API at ${path}`, requestIdOf(request));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
