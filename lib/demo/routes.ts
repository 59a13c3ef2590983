/** Maps a URL path to what it names: a discovery document, a resource collection or object. */
import { type ResourceDef, findResource } from './store';

export type Route =
  | { type: 'discovery' }
  | { type: 'resource'; def: ResourceDef; namespace: string | null; name: string | null }
  | { type: 'unknown' };

const DISCOVERY = /^\/(version|api|api\/v1|apis|apis\/[^/]+|apis\/[^/]+\/[^/]+)$/;
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** `/api/v1/…` and `/apis/{group}/{version}/…` paths: list, namespaced list, get; anything else unknown. */
export function matchRoute(path: string): Route {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  let apiVersion: string;
  let rest: string[];
  const parts = trimmed.split('/').slice(1);
  if (parts[0] === 'api' && parts[1] === 'v1') {
    apiVersion = 'v1';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    apiVersion = `${parts[1]}/${parts[2]}`;
    rest = parts.slice(3);
  } else {
    return DISCOVERY.test(trimmed) ? { type: 'discovery' } : { type: 'unknown' };
  }
  if (rest.length === 0) return { type: 'discovery' };
  let namespace: string | null = null;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1] ?? null;
    rest = rest.slice(2);
  }
  const [plural = '', name = null, ...extra] = rest;
  const def = findResource(apiVersion, plural);
  if (!def || extra.length > 0 || (namespace !== null && !def.namespaced)) return { type: 'unknown' };
  if (name !== null && namespace === null && def.namespaced) return { type: 'unknown' };
  if ((namespace !== null && !NAME.test(namespace)) || (name !== null && name === '')) return { type: 'unknown' };
  return { type: 'resource', def, namespace, name };
}
