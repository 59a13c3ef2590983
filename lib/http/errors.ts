import { AppError, describeError, type AppErrorCode } from '../util/errors';
import { redactSecrets } from './redact';
import { requestIdOf } from './request-id';

const STATUS: Record<AppErrorCode, number> = { NOT_FOUND: 404, INVALID: 400, FORBIDDEN: 403, CONFLICT: 409, UPSTREAM: 503, INTERNAL: 500 };

/** The body of every API error: `{error: {code, message, requestId}}`. */
export interface ErrorBody {
  error: { code: AppErrorCode; message: string; requestId: string };
}

/** A JSON error response carrying the request id in its body and its `x-request-id` header. */
export function jsonError(status: number, code: AppErrorCode, message: string, requestId: string, headers: HeadersInit = {}): Response {
  const body: ErrorBody = { error: { code, message, requestId } };
  return Response.json(body, { status, headers: { ...Object.fromEntries(new Headers(headers)), 'x-request-id': requestId } });
}

/**
 * The one JSON error shape of the HTTP API. A server-side failure (5xx) is logged once, as
 * one line with the request id, the route and the cause chain, secrets masked; the response
 * says only the code and a safe message. Anything that is not an AppError is INTERNAL.
 */
export function errorResponse(error: unknown, request?: Request): Response {
  const appError = error instanceof AppError ? error : new AppError('INTERNAL', 'internal error', { cause: error });
  const status = STATUS[appError.code];
  const requestId = requestIdOf(request);
  if (status >= 500) {
    const route = request ? `${request.method} ${new URL(request.url).pathname}` : 'request';
    // One line per failure: Prisma's messages span several lines.
    const cause = describeError(appError).replace(/\s*\n\s*/g, ' ');
    console.error(redactSecrets(`[${requestId}] ${status} ${appError.code} ${route}: ${cause}`));
  }
  return jsonError(status, appError.code, appError.message, requestId);
}
