import { AppError, type AppErrorCode } from '../util/errors';

const STATUS: Record<AppErrorCode, number> = { NOT_FOUND: 404, INVALID: 400, FORBIDDEN: 403, UPSTREAM: 503, INTERNAL: 500 };

/** The one JSON error shape of the HTTP API: `{error: {code, message}}`; causes stay in the logs. */
export function errorResponse(error: unknown): Response {
  const appError = error instanceof AppError ? error : new AppError('INTERNAL', 'internal error', { cause: error });
  return Response.json({ error: { code: appError.code, message: appError.message } }, { status: STATUS[appError.code] });
}
