import tls from 'node:tls';
import type { DemoCluster } from '../../lib/demo/server';

/** Wednesday noon UTC: business hours. */
export const WEDNESDAY_NOON = new Date('2026-11-25T12:00:00Z');
/** Sunday 23:00 UTC: the quietest hour of the week. */
export const SUNDAY_NIGHT = new Date('2026-11-29T23:00:00Z');

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

const trusted = new Set<string>();

/** Lets this process's fetch verify certificates of a demo cluster's own CA (clients get it from the kubeconfig). */
export function trustCa(caPem: string): void {
  if (trusted.has(caPem)) return;
  trusted.add(caPem);
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...trusted]);
}

/** The CA a kubeconfig the demo cluster wrote trusts (`certificate-authority-data`). */
export function trustKubeconfigCa(kubeconfigYaml: string): void {
  const data = /certificate-authority-data: (\S+)/.exec(kubeconfigYaml)?.[1];
  if (!data) throw new Error('the kubeconfig has no certificate-authority-data');
  trustCa(Buffer.from(data, 'base64').toString('utf8'));
}

/** fetch of `path` on the demo cluster over HTTPS, verifying its certificate. */
export function demoFetch(cluster: DemoCluster, path: string, init?: RequestInit): Promise<Response> {
  trustCa(cluster.caPem);
  return fetch(`${cluster.url}${path}`, init);
}

export async function getJson(cluster: DemoCluster, path: string, token: string | null = cluster.token): Promise<JsonResponse> {
  const response = await demoFetch(cluster, path, { headers: token === null ? {} : { Authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

export interface ListBody {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: Array<{ metadata: { name: string; namespace?: string; labels?: Record<string, string> } } & Record<string, unknown>>;
}

export async function list(cluster: DemoCluster, path: string): Promise<ListBody> {
  const response = await getJson(cluster, path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as unknown as ListBody;
}

/** Follows continue tokens with the given page size; returns every page. */
export async function listAllPages(cluster: DemoCluster, path: string, limit: number): Promise<ListBody[]> {
  const pages: ListBody[] = [];
  let token: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await list(cluster, `${path}${sep}limit=${limit}${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
    pages.push(page);
    token = page.metadata.continue;
  } while (token);
  return pages;
}

export function statusShape(code: number, reason: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason, code };
}
