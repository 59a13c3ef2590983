/**
 * One page of a list, requested through client-node's own request path (kubeconfig auth:
 * token, client certificate, exec plugin; TLS, proxy, its fetch) and parsed with one
 * JSON.parse. client-node's typed API would then copy every object into its model classes
 * (ObjectSerializer.deserialize), which on large lists costs more than the parse itself and
 * doubles the garbage; the mappers read plain JSON (objects.ts), so that copy is skipped.
 */
import { ApiException, createConfiguration, HttpMethod, ServerConfiguration, type KubeConfig } from '@kubernetes/client-node';

/** The response of one list page: its JSON body and the response headers (lower-case names). */
export interface ListResponse<Item> {
  data: { items: Item[]; metadata?: { continue?: string } };
  headers: Record<string, string>;
}

export interface PageRequest {
  limit: number;
  _continue?: string;
  /** Aborts the request (and the reading of its body): the per-request timeout. */
  signal?: AbortSignal;
}

export type RawListFetcher = <Item>(path: string) => (request: PageRequest) => Promise<ListResponse<Item>>;

const USER_AGENT = 'tally (kubernetes-client-javascript)';

/**
 * Fetchers of list pages at API paths (`/api/v1/pods`) of the kubeconfig's current cluster.
 * A non-2xx answer throws client-node's ApiException (code, body text, headers), as its typed
 * API does, so retries, 410 restarts and error messages work the same.
 */
export function rawListFetcher(kubeConfig: KubeConfig): RawListFetcher {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('No active cluster!');
  const config = createConfiguration({ baseServer: new ServerConfiguration(cluster.server, {}), authMethods: { default: kubeConfig } });
  return <Item>(path: string) =>
    async ({ limit, _continue, signal }: PageRequest): Promise<ListResponse<Item>> => {
      const context = config.baseServer.makeRequestContext(path, HttpMethod.GET);
      context.setHeaderParam('Accept', 'application/json');
      context.setHeaderParam('User-Agent', USER_AGENT);
      context.setQueryParam('limit', String(limit));
      if (_continue !== undefined) context.setQueryParam('continue', _continue);
      if (signal) context.setSignal(signal);
      await config.authMethods.default?.applySecurityAuthentication(context);
      const response = await config.httpApi.send(context).toPromise();
      const status = response.httpStatusCode;
      if (status < 200 || status > 299) {
        // Read even when not used, so that the connection is free again (a server can close).
        const body = await response.body.text();
        throw new ApiException(status, status === 401 ? 'Unauthorized' : 'Unknown API Status Code!', status === 401 ? undefined : body, response.headers);
      }
      return { data: JSON.parse(await response.body.text()) as ListResponse<Item>['data'], headers: response.headers };
    };
}

/** Every list the collector reads: the name its messages use → its API path. */
export const LISTS = {
  namespaces: '/api/v1/namespaces',
  nodes: '/api/v1/nodes',
  persistentvolumes: '/api/v1/persistentvolumes',
  persistentvolumeclaims: '/api/v1/persistentvolumeclaims',
  replicasets: '/apis/apps/v1/replicasets',
  jobs: '/apis/batch/v1/jobs',
  deployments: '/apis/apps/v1/deployments',
  statefulsets: '/apis/apps/v1/statefulsets',
  daemonsets: '/apis/apps/v1/daemonsets',
  controllerrevisions: '/apis/apps/v1/controllerrevisions',
  'argoproj.io rollouts': '/apis/argoproj.io/v1alpha1/rollouts',
  horizontalpodautoscalers: '/apis/autoscaling/v2/horizontalpodautoscalers',
  pods: '/api/v1/pods',
  'metrics.k8s.io pods': '/apis/metrics.k8s.io/v1beta1/pods',
  'metrics.k8s.io nodes': '/apis/metrics.k8s.io/v1beta1/nodes',
} as const;
export type ListName = keyof typeof LISTS;
