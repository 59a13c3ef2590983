import { KubeConfig } from '@kubernetes/client-node';
import { loadKubeConfig, type KubeConfigOptions } from '../k8s/kubeconfig';
import type { ClusterTarget } from '../scheduler/types';

/** Every context of the kubeconfig (or just --context), each as a cluster named after it. */
export function clustersFromKubeconfig(options: KubeConfigOptions): ClusterTarget[] {
  const base = loadKubeConfig(options);
  const contexts = options.context ? [options.context] : base.kubeConfig.getContexts().map((c) => c.name);
  if (contexts.length === 0) return [{ name: base.contextName || 'in-cluster', connection: base }];
  return contexts.map((name) => {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(base.kubeConfig.exportConfig());
    kubeConfig.setCurrentContext(name);
    return { name, connection: { kubeConfig, source: base.source, contextName: name } };
  });
}
