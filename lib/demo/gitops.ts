/**
 * Workloads a GitOps controller applies, and what it marks them with (the controllers' documented
 * metadata): Argo CD's resource tracking annotation (the default tracking method from Argo CD 3.0),
 * Flux kustomize-controller's ownership labels. Neither records a commit on the objects; the
 * commit comes with the image: `org.opencontainers.image.revision` / `.created` copied onto the
 * pod template (podspec.ts templateMeta, commitAnnotation 'oci').
 */
import type { WorkloadPlan } from './model';

const ARGO_CD_APPS: Readonly<Record<string, string>> = { 'platform-web': 'platform-web' };
const FLUX_KUSTOMIZATIONS: Readonly<Record<string, string>> = { 'data-pipelines': 'data-pipelines' };

const API_GROUP: Record<WorkloadPlan['kind'], string> = { Deployment: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', CronJob: 'batch' };

/** The labels and annotations the GitOps controller managing `w`'s namespace puts on it (empty when none does). */
export function gitopsMeta(w: WorkloadPlan): { labels: Record<string, string>; annotations: Record<string, string> } {
  const app = ARGO_CD_APPS[w.namespace];
  if (app) return { labels: {}, annotations: { 'argocd.argoproj.io/tracking-id': `${app}:${API_GROUP[w.kind]}/${w.kind}:${w.namespace}/${w.name}` } };
  const kustomization = FLUX_KUSTOMIZATIONS[w.namespace];
  if (kustomization) return { labels: { 'kustomize.toolkit.fluxcd.io/name': kustomization, 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' }, annotations: {} };
  return { labels: {}, annotations: {} };
}

/** True when a GitOps controller applies `w` (its commit then comes from the image's OCI annotations). */
export function gitopsManaged(w: Pick<WorkloadPlan, 'namespace'>): boolean {
  return ARGO_CD_APPS[w.namespace] !== undefined || FLUX_KUSTOMIZATIONS[w.namespace] !== undefined;
}
