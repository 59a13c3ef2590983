import { LISTS, type ListName } from '../lib/k8s/list-request';

/**
 * Every list the collector reads (lib/k8s/list-request.ts LISTS, the table read-snapshot
 * uses): the floor benchmark fetches and parses exactly these pages, rollout objects
 * (Deployments, ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions) included.
 * Argo Rollouts is left out: the demo does not serve it (one 404, no pages to parse).
 */
export function collectorLists(): [ListName, string][] {
  return (Object.entries(LISTS) as [ListName, string][]).filter(([name]) => name !== 'argoproj.io rollouts');
}
