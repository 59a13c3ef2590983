/** `Status` objects exactly as kube-apiserver returns them for failures. */
import type { JsonObject } from './store';

export interface StatusFailure {
  code: number;
  body: JsonObject;
  headers?: Record<string, string>;
}

function failure(code: number, reason: string, message: string, details?: JsonObject): StatusFailure {
  const body: JsonObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason };
  if (details) body.details = details;
  body.code = code;
  return { code, body };
}

/** The service account the demo kubeconfig's token belongs to. */
export const DEMO_USER = 'system:serviceaccount:tally:tally';

/** 401 for a missing or wrong bearer token. */
export function unauthorized(): StatusFailure {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

/** 404 for a path the server does not serve at all. */
export function unknownPath(): StatusFailure {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 404 for a named object that does not exist: `pods "x" not found`. */
export function objectNotFound(group: string, resource: string, name: string): StatusFailure {
  const qualified = group ? `${resource}.${group}` : resource;
  const details: JsonObject = { name, kind: resource };
  if (group) details.group = group;
  return failure(404, 'NotFound', `${qualified} "${name}" not found`, details);
}

export interface AccessRequest {
  verb: string;
  group: string;
  resource: string;
  namespace: string | null;
  name: string | null;
}

/** 403 in the shape of RBAC denials: `nodes is forbidden: User "…" cannot list resource "nodes" in API group "" at the cluster scope`. */
export function forbidden(access: AccessRequest): StatusFailure {
  const qualified = access.group ? `${access.resource}.${access.group}` : access.resource;
  const subject = access.name ? `${qualified} "${access.name}"` : qualified;
  const scope = access.namespace ? `in the namespace "${access.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${DEMO_USER}" cannot ${access.verb} resource "${access.resource}" in API group "${access.group}" ${scope}`;
  const details: JsonObject = {};
  if (access.name) details.name = access.name;
  if (access.group) details.group = access.group;
  details.kind = access.resource;
  return failure(403, 'Forbidden', message, details);
}

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

/** 410 for a continue token the server no longer honours. */
export function continueExpired(): StatusFailure {
  return failure(410, 'Expired', CONTINUE_EXPIRED_MESSAGE);
}

/** The watch-cache answer to a resourceVersion it no longer holds. */
export function resourceVersionTooOld(requested: string, oldest: string): StatusFailure {
  return failure(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}

/** 429 as API Priority and Fairness answers, with a Retry-After header. */
export function tooManyRequests(retryAfterSeconds: number): StatusFailure {
  const result = failure(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds });
  return { ...result, headers: { 'Retry-After': String(retryAfterSeconds) } };
}

/** 500 with the cause in details. */
export function internalError(cause: string): StatusFailure {
  return failure(500, 'InternalError', `Internal error occurred: ${cause}`, { causes: [{ message: cause }] });
}

/** 400 for malformed parameters (limit, continue, selectors). */
export function badRequest(message: string): StatusFailure {
  return failure(400, 'BadRequest', message);
}

/** 405 for writes, and for watching metrics.k8s.io. */
export function methodNotAllowed(): StatusFailure {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

/** 403 for a non-resource URL such as `/apis` or `/version`. */
export function forbiddenPath(path: string): StatusFailure {
  return failure(403, 'Forbidden', `forbidden: User "${DEMO_USER}" cannot get path "${path}"`, {});
}

/** 406 when the Accept header names no representation the server can produce. */
export function notAcceptable(accept: string): StatusFailure {
  return failure(406, 'NotAcceptable', `only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io (got ${accept})`, {});
}
