import { describe, expect, test } from 'vitest';
import { capacityTypeOf, nodeFactsOf, nodePoolOf, placementOf, providerOf } from '../../lib/k8s/node-labels';

// Label sets as each platform writes them (GKE, Karpenter and AKS-spot have no public dump in
// test/fixtures/k8s, so these come from the platforms' documentation).
const CASES = [
  {
    platform: 'EKS managed node group, on-demand',
    providerId: 'aws:///us-east-1a/i-0abc',
    labels: { 'eks.amazonaws.com/nodegroup': 'general', 'eks.amazonaws.com/capacityType': 'ON_DEMAND', 'node.kubernetes.io/instance-type': 'm6i.xlarge', 'topology.kubernetes.io/region': 'us-east-1', 'topology.kubernetes.io/zone': 'us-east-1a' },
    pool: 'general', capacity: 'on-demand', provider: 'aws', instanceType: 'm6i.xlarge', region: 'us-east-1', zone: 'us-east-1a',
  },
  {
    platform: 'EKS managed node group, spot',
    providerId: 'aws:///us-east-1b/i-0def',
    labels: { 'eks.amazonaws.com/nodegroup': 'spot-batch', 'eks.amazonaws.com/capacityType': 'SPOT' },
    pool: 'spot-batch', capacity: 'spot', provider: 'aws', instanceType: null, region: null, zone: null,
  },
  {
    platform: 'Karpenter spot',
    providerId: 'aws:///eu-west-1c/i-0aa',
    labels: { 'karpenter.sh/nodepool': 'default', 'karpenter.sh/capacity-type': 'spot', 'node.kubernetes.io/instance-type': 'c6i.2xlarge' },
    pool: 'default', capacity: 'spot', provider: 'aws', instanceType: 'c6i.2xlarge', region: null, zone: null,
  },
  {
    platform: 'Karpenter on-demand (older provisioner label)',
    providerId: undefined,
    labels: { 'karpenter.sh/provisioner-name': 'legacy', 'karpenter.sh/capacity-type': 'on-demand', 'karpenter.k8s.aws/instance-family': 'm5' },
    pool: 'legacy', capacity: 'on-demand', provider: 'aws', instanceType: null, region: null, zone: null,
  },
  {
    platform: 'GKE pool, Spot VM',
    providerId: 'gce://proj/us-central1-a/gke-prod-pool-1-abc',
    labels: { 'cloud.google.com/gke-nodepool': 'pool-1', 'cloud.google.com/gke-spot': 'true', 'failure-domain.beta.kubernetes.io/region': 'us-central1', 'beta.kubernetes.io/instance-type': 'e2-standard-4' },
    pool: 'pool-1', capacity: 'spot', provider: 'gcp', instanceType: 'e2-standard-4', region: 'us-central1', zone: null,
  },
  {
    platform: 'GKE preemptible',
    providerId: undefined,
    labels: { 'cloud.google.com/gke-nodepool': 'batch', 'cloud.google.com/gke-preemptible': 'true' },
    pool: 'batch', capacity: 'spot', provider: 'gcp', instanceType: null, region: null, zone: null,
  },
  {
    platform: 'AKS system pool',
    providerId: 'azure:///subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1/virtualMachines/0',
    labels: { agentpool: 'nodepool1', 'kubernetes.azure.com/mode': 'system' },
    pool: 'nodepool1', capacity: 'on-demand', provider: 'azure', instanceType: null, region: null, zone: null,
  },
  {
    platform: 'AKS spot pool',
    providerId: undefined,
    labels: { 'kubernetes.azure.com/agentpool': 'spotpool', 'kubernetes.azure.com/scalesetpriority': 'spot' },
    pool: 'spotpool', capacity: 'spot', provider: 'azure', instanceType: null, region: null, zone: null,
  },
  {
    platform: 'DigitalOcean',
    providerId: 'digitalocean://123456',
    labels: { 'doks.digitalocean.com/node-pool': 'pool-yd23sqk7u' },
    pool: 'pool-yd23sqk7u', capacity: 'on-demand', provider: 'digitalocean', instanceType: null, region: null, zone: null,
  },
  {
    platform: 'older GKE, beta labels only (an empty GA label is ignored)',
    providerId: 'gce://proj/europe-west1-b/gke-old-default-pool-1',
    labels: { 'cloud.google.com/gke-nodepool': 'default-pool', 'node.kubernetes.io/instance-type': '', 'beta.kubernetes.io/instance-type': 'n1-standard-2', 'failure-domain.beta.kubernetes.io/region': 'europe-west1', 'failure-domain.beta.kubernetes.io/zone': 'europe-west1-b', 'cloud.google.com/gke-preemptible': 'false' },
    pool: 'default-pool', capacity: 'on-demand', provider: 'gcp', instanceType: 'n1-standard-2', region: 'europe-west1', zone: 'europe-west1-b',
  },
  {
    platform: 'kind (local), provider from the providerID scheme only',
    providerId: 'kind://docker/kind/kind-control-plane',
    labels: { 'kubernetes.io/hostname': 'kind-control-plane' },
    pool: null, capacity: 'on-demand', provider: 'kind', instanceType: null, region: null, zone: null,
  },
  {
    platform: 'bare metal, no labels',
    providerId: undefined,
    labels: {},
    pool: null, capacity: 'on-demand', provider: null, instanceType: null, region: null, zone: null,
  },
];

describe.each(CASES)('$platform', (c) => {
  test('pool, capacity type, provider and placement', () => {
    expect(nodePoolOf(c.labels)).toBe(c.pool);
    expect(capacityTypeOf(c.labels)).toBe(c.capacity);
    expect(providerOf(c.providerId, c.labels)).toBe(c.provider);
    expect(placementOf(c.labels)).toEqual({ instanceType: c.instanceType, region: c.region, zone: c.zone });
    expect(nodeFactsOf(c.providerId, c.labels)).toEqual({
      provider: c.provider, instanceType: c.instanceType, region: c.region, zone: c.zone, nodePool: c.pool, capacityType: c.capacity,
    });
  });
});
