import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../util/errors';

export interface KubeConfigOptions {
  /** A kubeconfig file; else $KUBECONFIG, else ~/.kube/config, else the in-cluster service account. */
  kubeconfig?: string;
  context?: string;
  env?: NodeJS.ProcessEnv;
}

export interface ClusterConnection {
  kubeConfig: KubeConfig;
  /** Where the credentials came from, for messages (never the credentials themselves). */
  source: string;
  contextName: string;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** True when a cluster is configured: a kubeconfig exists or we run inside a pod. */
export function clusterConfigured(options: KubeConfigOptions = {}): boolean {
  const env = options.env ?? process.env;
  return Boolean(options.kubeconfig || env.KUBECONFIG || existsSync(defaultKubeconfigPath()) || inCluster(env));
}

function defaultKubeconfigPath(): string {
  return path.join(homedir(), '.kube', 'config');
}

function inCluster(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN));
}

/** Loads the kubeconfig the way kubectl does, with an optional context override. */
export function loadKubeConfig(options: KubeConfigOptions = {}): ClusterConnection {
  const env = options.env ?? process.env;
  const kubeConfig = new KubeConfig();
  let source: string;
  if (options.kubeconfig) {
    if (!existsSync(options.kubeconfig)) throw new AppError('INVALID', `kubeconfig ${options.kubeconfig} does not exist`);
    kubeConfig.loadFromFile(options.kubeconfig);
    source = options.kubeconfig;
  } else if (env.KUBECONFIG) {
    kubeConfig.loadFromDefault();
    source = `KUBECONFIG=${env.KUBECONFIG}`;
  } else if (existsSync(defaultKubeconfigPath())) {
    kubeConfig.loadFromFile(defaultKubeconfigPath());
    source = defaultKubeconfigPath();
  } else if (inCluster(env)) {
    kubeConfig.loadFromCluster();
    source = 'in-cluster service account';
  } else {
    throw new AppError('INVALID', 'no cluster configured: pass --kubeconfig, set KUBECONFIG, or run inside a cluster');
  }
  if (options.context) {
    if (!kubeConfig.getContextObject(options.context)) {
      const known = kubeConfig.getContexts().map((c) => c.name);
      throw new AppError('INVALID', `context "${options.context}" is not in ${source} (contexts: ${known.join(', ') || 'none'})`);
    }
    kubeConfig.setCurrentContext(options.context);
  }
  if (!kubeConfig.getCurrentCluster()) {
    throw new AppError('INVALID', `${source} names no cluster for context "${kubeConfig.getCurrentContext()}"`);
  }
  shareConnections(kubeConfig);
  return { kubeConfig, source, contextName: kubeConfig.getCurrentContext() };
}

type RequestContext = Parameters<KubeConfig['applySecurityAuthentication']>[0];
type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

/**
 * client-node 2 gives every request a new undici Agent when the cluster has a CA or client
 * certificate, so every request opens a new TLS connection (a handshake per page, and idle
 * sockets piling up). Requests through this kubeconfig share one Agent per context, cluster
 * and user instead, so connections are kept alive and reused as client-go does.
 */
function shareConnections(kubeConfig: KubeConfig): void {
  const apply = kubeConfig.applySecurityAuthentication.bind(kubeConfig);
  const shared = new Map<string, Dispatcher>();
  kubeConfig.applySecurityAuthentication = async (context: RequestContext) => {
    await apply(context);
    const fresh = context.getDispatcher();
    if (!fresh) return;
    const cluster = kubeConfig.getCurrentCluster();
    const key = JSON.stringify([kubeConfig.getCurrentContext(), cluster?.name, cluster?.server, kubeConfig.getCurrentUser()?.name]);
    const kept = shared.get(key);
    if (!kept) {
      shared.set(key, fresh);
      return;
    }
    void fresh.close();
    context.setDispatcher(kept);
  };
}
