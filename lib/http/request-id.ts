// A proxy's own id is kept (so its logs and ours line up) when it cannot forge a log line.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: its `x-request-id` header when that is a plain token, else a new UUID. */
export function requestIdOf(request: Request | undefined): string {
  const given = request?.headers.get('x-request-id');
  return given && SAFE_ID.test(given) ? given : crypto.randomUUID();
}
