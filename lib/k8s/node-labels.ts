/**
 * What a node's labels and `spec.providerID` tell about it: cloud, instance type, region,
 * zone, node pool and capacity type, for EKS, Karpenter, GKE, AKS, DOKS and bare metal.
 */
import type { CapacityType } from './types';

export type Labels = Record<string, string | undefined>;

/** The first label among `keys` that is set and non-empty. */
function firstLabel(labels: Labels, keys: string[]): string | null {
  for (const key of keys) {
    const value = labels[key];
    if (value) return value;
  }
  return null;
}

const POOL_LABELS = [
  'eks.amazonaws.com/nodegroup',
  'karpenter.sh/nodepool',
  'karpenter.sh/provisioner-name',
  'cloud.google.com/gke-nodepool',
  'kubernetes.azure.com/agentpool',
  'agentpool',
  'doks.digitalocean.com/node-pool',
];

const PROVIDER_SCHEMES: Record<string, string> = {
  aws: 'aws',
  gce: 'gcp',
  azure: 'azure',
  digitalocean: 'digitalocean',
  openstack: 'openstack',
  vsphere: 'vsphere',
  kind: 'kind',
};

/**
 * The node's pool from whichever label its platform uses: EKS managed node groups, Karpenter
 * (nodepool, or the older provisioner-name), GKE, AKS, DigitalOcean; null when none is set.
 */
export function nodePoolOf(labels: Labels): string | null {
  return firstLabel(labels, POOL_LABELS);
}

/**
 * On-demand or spot, from EKS `eks.amazonaws.com/capacityType=SPOT`, Karpenter
 * `karpenter.sh/capacity-type=spot`, GKE `cloud.google.com/gke-spot` or `gke-preemptible`
 * = "true", AKS `kubernetes.azure.com/scalesetpriority=spot`; otherwise on-demand.
 */
export function capacityTypeOf(labels: Labels): CapacityType {
  const spot =
    labels['eks.amazonaws.com/capacityType']?.toUpperCase() === 'SPOT' ||
    labels['karpenter.sh/capacity-type']?.toLowerCase() === 'spot' ||
    labels['cloud.google.com/gke-spot'] === 'true' ||
    labels['cloud.google.com/gke-preemptible'] === 'true' ||
    labels['kubernetes.azure.com/scalesetpriority']?.toLowerCase() === 'spot';
  return spot ? 'spot' : 'on-demand';
}

/**
 * The cloud from `spec.providerID` (`aws:///us-east-1a/i-…` → aws, `gce://…` → gcp,
 * `azure://…` → azure, `digitalocean://…`), else from platform labels, else null.
 */
export function providerOf(providerId: string | undefined, labels: Labels): string | null {
  const scheme = providerId?.split('://')[0]?.toLowerCase();
  if (scheme && PROVIDER_SCHEMES[scheme]) return PROVIDER_SCHEMES[scheme];
  if (labels['eks.amazonaws.com/nodegroup'] || labels['karpenter.k8s.aws/instance-family']) return 'aws';
  if (labels['cloud.google.com/gke-nodepool']) return 'gcp';
  if (labels['kubernetes.azure.com/agentpool'] || labels['kubernetes.azure.com/cluster']) return 'azure';
  if (labels['doks.digitalocean.com/node-pool']) return 'digitalocean';
  return null;
}

export interface NodePlacement {
  instanceType: string | null;
  region: string | null;
  zone: string | null;
}

/**
 * Instance type, region and zone from `node.kubernetes.io/instance-type` and
 * `topology.kubernetes.io/{region,zone}`, falling back to `beta.kubernetes.io/instance-type`
 * and `failure-domain.beta.kubernetes.io/{region,zone}`; empty or absent → null.
 */
export function placementOf(labels: Labels): NodePlacement {
  return {
    instanceType: firstLabel(labels, ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type']),
    region: firstLabel(labels, ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region']),
    zone: firstLabel(labels, ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']),
  };
}

export interface NodeFacts extends NodePlacement {
  provider: string | null;
  nodePool: string | null;
  capacityType: CapacityType;
}

/** All of the above for one node: providerOf, placementOf, nodePoolOf and capacityTypeOf. */
export function nodeFactsOf(providerId: string | undefined, labels: Labels): NodeFacts {
  return {
    provider: providerOf(providerId, labels),
    ...placementOf(labels),
    nodePool: nodePoolOf(labels),
    capacityType: capacityTypeOf(labels),
  };
}
