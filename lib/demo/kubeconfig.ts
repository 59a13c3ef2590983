/** The kubeconfig that points clients at the demo cluster. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface KubeconfigSpec {
  server: string;
  clusterName: string;
  token: string;
  /** PEM of the CA that signed the server's certificate. */
  caPem: string;
}

function quote(value: string): string {
  return JSON.stringify(value);
}

/**
 * Kubeconfig YAML for one cluster (an https server trusted through
 * `certificate-authority-data`), one context named after the cluster and one bearer-token user.
 */
export function kubeconfigYaml(spec: KubeconfigSpec): string {
  const user = `${spec.clusterName}-user`;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${quote(spec.clusterName)}`,
    '  cluster:',
    `    server: ${quote(spec.server)}`,
    `    certificate-authority-data: ${Buffer.from(spec.caPem, 'utf8').toString('base64')}`,
    'contexts:',
    `- name: ${quote(spec.clusterName)}`,
    '  context:',
    `    cluster: ${quote(spec.clusterName)}`,
    `    user: ${quote(user)}`,
    '    namespace: default',
    `current-context: ${quote(spec.clusterName)}`,
    'users:',
    `- name: ${quote(user)}`,
    '  user:',
    `    token: ${quote(spec.token)}`,
    'preferences: {}',
    '',
  ].join('\n');
}

/** Writes `<dir>/kubeconfig-<clusterName>.yaml` (mode 0600: it holds a token) and returns its path. */
export async function writeKubeconfig(dir: string, spec: KubeconfigSpec): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `kubeconfig-${spec.clusterName.replace(/[^A-Za-z0-9_.-]/g, '_')}.yaml`);
  await writeFile(path, kubeconfigYaml(spec), { mode: 0o600 });
  return path;
}
