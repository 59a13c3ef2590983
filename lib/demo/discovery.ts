/** Discovery documents: /version, /api, /api/v1, /apis, /apis/{group}[/{version}]. */
import { RESOURCES, type JsonObject, type ResourceDef, apiVersionOf } from './store';

const VERSION: JsonObject = {
  major: '1',
  minor: '29+',
  gitVersion: 'v1.29.0-eks-a5ec690',
  gitCommit: '4a4ed4c8e9c1fa4ad1c4c1b6d5d4bfe2b6b1c1d8',
  gitTreeState: 'clean',
  buildDate: '2024-01-02T20:34:38Z',
  goVersion: 'go1.21.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const WRITE_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Kinds in the `all` category (`kubectl get all`), as on a real cluster. */
const IN_ALL = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler']);

const verbsOf = (r: ResourceDef) => (r.watchable ? WRITE_VERBS : ['get', 'list']);
const categoriesOf = (r: ResourceDef) => (IN_ALL.has(r.kind) && r.group !== 'metrics.k8s.io' ? ['all'] : []);

function apiResource(r: ResourceDef): JsonObject {
  const out: JsonObject = { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: verbsOf(r) };
  if (r.shortNames.length > 0) out.shortNames = r.shortNames;
  if (categoriesOf(r).length > 0) out.categories = categoriesOf(r);
  return out;
}

function discoveryResource(r: ResourceDef): JsonObject {
  const out: JsonObject = { resource: r.resource, responseKind: { group: r.group, version: r.version, kind: r.kind }, scope: r.namespaced ? 'Namespaced' : 'Cluster', singularResource: r.singular, verbs: verbsOf(r) };
  if (r.shortNames.length > 0) out.shortNames = r.shortNames;
  if (categoriesOf(r).length > 0) out.categories = categoriesOf(r);
  return out;
}

/**
 * Aggregated discovery (`apidiscovery.k8s.io` v2 or v2beta1, kubectl ≥ 1.26 asks for it) of
 * `/api` (the core group) or `/apis` (every other group): every group, version and resource
 * in one document.
 */
export function aggregatedDiscovery(path: '/api' | '/apis', version: 'v2' | 'v2beta1', metricsEnabled: boolean): JsonObject {
  const served = RESOURCES.filter((r) => (metricsEnabled || r.group !== 'metrics.k8s.io') && (path === '/api') === (r.group === ''));
  const groups = [...new Set(served.map((r) => r.group))];
  const items = groups.map((group) => {
    const inGroup = served.filter((r) => r.group === group);
    const versions = [...new Set(inGroup.map((r) => r.version))].map((v) => ({ version: v, resources: inGroup.filter((r) => r.version === v).map(discoveryResource), freshness: 'Current' }));
    return { metadata: group === '' ? { creationTimestamp: null } : { name: group, creationTimestamp: null }, versions };
  });
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

function groupDoc(group: string, versions: string[]): JsonObject {
  const list = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: list, preferredVersion: list[0] ?? null };
}

/**
 * The discovery document for `path`, or null when there is none. `metricsEnabled` false
 * hides metrics.k8s.io, as on a cluster without metrics-server.
 */
export function discoveryDocument(path: string, serverAddress: string, metricsEnabled: boolean): JsonObject | null {
  const served = RESOURCES.filter((r) => metricsEnabled || r.group !== 'metrics.k8s.io');
  const groups = [...new Set(served.filter((r) => r.group !== '').map((r) => r.group))];
  if (path === '/version') return VERSION;
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  if (path === '/apis') {
    const docs = groups.map((g) => groupDoc(g, [...new Set(served.filter((r) => r.group === g).map((r) => r.version))]));
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: docs };
  }
  const core = path === '/api/v1';
  const match = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!core && !match) return null;
  const group = core ? '' : (match?.[1] ?? '');
  const version = core ? 'v1' : match?.[2];
  const inGroup = served.filter((r) => r.group === group);
  if (inGroup.length === 0) return null;
  if (version === undefined) return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(group, [...new Set(inGroup.map((r) => r.version))]) };
  const resources = inGroup.filter((r) => r.version === version);
  if (resources.length === 0) return null;
  const groupVersion = apiVersionOf(resources[0] as ResourceDef);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: resources.map(apiResource) };
}
