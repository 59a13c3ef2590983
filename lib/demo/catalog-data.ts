/**
 * The default organisation: six teams, one namespace nobody labelled, and the shared
 * kube-system and monitoring namespaces of an EKS cluster. Requests are written the way
 * people write them; some are generous (idle), some tight (hot), one leaks memory.
 */
import { type CatalogNamespace, container as c, cronJob, daemonSet, deployment, ecr, statefulSet } from './catalog';

const team = (name: string, teamName: string, workloads: CatalogNamespace['workloads'], extra: Pick<CatalogNamespace, 'growing'> = {}): CatalogNamespace => ({
  name,
  team: teamName,
  shared: false,
  workloads,
  ...extra,
});

/** Commit → rollout start: minutes for the checkout team, days for payments (see README). */
const FAST = [8, 50] as const;
const WEEKLY = [24 * 60, 4 * 24 * 60] as const;

const envoy = c('envoy', 'envoyproxy/envoy:v1.29.1', '100m', '128Mi', { memoryLimit: '256Mi' });
const redisExporter = c('metrics', 'oliver006/redis_exporter:v1.57.0', '50m', '64Mi');

export const TEAM_NAMESPACES: CatalogNamespace[] = [
  team('checkout', 'checkout', [
    deployment('checkout-api', 4, 'steady', [c('app', ecr('checkout/checkout-api'), '500m', '1Gi', { cpuLimit: '1', memoryLimit: '1Gi' }), envoy], { deployEveryBusinessHours: 2, leadMinutes: FAST, scenario: 'crash-rollback' }),
    // HPA on CPU: replicas follow the load onto general-purpose nodes the cluster autoscaler adds (burst.ts).
    deployment('cart-service', 3, 'scaled', [c('app', ecr('checkout/cart-service'), '1', '2Gi', { cpuLimit: '2', memoryLimit: '2Gi' })], { deployEveryBusinessHours: 32, leadMinutes: FAST, burst: { podsPerNode: 3, minNodes: 4, maxNodes: 12 } }),
    deployment('checkout-web', 3, 'steady', [c('web', ecr('checkout/checkout-web'), '250m', '512Mi', { memoryLimit: '512Mi' })], { deployEveryBusinessHours: 4, leadMinutes: FAST, scenario: 'restarts' }),
    deployment('promotions', 2, 'idle', [c('app', ecr('checkout/promotions'), '500m', '1Gi')], { deployEveryBusinessHours: 40, leadMinutes: FAST }),
    deployment('order-events-consumer', 2, 'hot', [c('consumer', ecr('checkout/order-events-consumer'), '500m', '512Mi', { cpuLimit: '1', memoryLimit: '1Gi' })], { pool: 'spot', deployEveryBusinessHours: 8, leadMinutes: FAST }),
    statefulSet('cart-redis', 3, 'steady', '10Gi', [c('redis', 'redis:7.2.4-alpine', '250m', '1Gi', { memoryLimit: '1Gi' }), redisExporter], { deployEveryBusinessHours: 24, leadMinutes: FAST, antiAffinity: true }),
    cronJob('abandoned-cart-mailer', '*/30 * * * *', 4, [c('mailer', ecr('checkout/cart-mailer'), '200m', '256Mi')]),
    cronJob('checkout-reconcile', '0 3 * * *', 25, [c('reconcile', ecr('checkout/reconcile'), '500m', '1Gi')]),
  ], { growing: true }),
  team('search', 'search', [
    deployment('search-api', 4, 'steady', [c('app', ecr('search/search-api'), '1', '2Gi', { cpuLimit: '2', memoryLimit: '2Gi' })], { deployEveryBusinessHours: 8, scenario: 'deadline' }),
    deployment('query-suggest', 2, 'idle', [c('app', ecr('search/query-suggest'), '500m', '1Gi')], { deployEveryBusinessHours: 16, scenario: 'cost-raise' }),
    deployment('indexer', 2, 'hot', [c('indexer', ecr('search/indexer'), '1', '4Gi', { cpuLimit: '2', memoryLimit: '4Gi' })], { pool: 'spot', deployEveryBusinessHours: 24 }),
    deployment('autocomplete-cache', 2, 'steady', [c('cache', ecr('search/autocomplete-cache'), '100m', '256Mi')]),
    statefulSet('elasticsearch', 3, 'steady', '100Gi', [c('elasticsearch', 'docker.elastic.co/elasticsearch/elasticsearch:8.12.2', '2', '8Gi', { memoryLimit: '8Gi' })], { pool: 'memory-optimized', deployEveryBusinessHours: 80, antiAffinity: true }),
    cronJob('reindex-nightly', '0 1 * * *', 50, [c('reindex', ecr('search/indexer'), '2', '4Gi')], { pool: 'spot' }),
    cronJob('synonyms-refresh', '15 */6 * * *', 3, [c('refresh', ecr('search/synonyms'), '100m', '128Mi')]),
  ]),
  team('payments', 'payments', [
    deployment('payments-api', 3, 'steady', [c('app', ecr('payments/payments-api'), '500m', '1Gi', { cpuLimit: '1', memoryLimit: '1Gi' })], { deployEveryBusinessHours: 40, leadMinutes: WEEKLY }),
    deployment('fraud-scoring', 2, 'hot', [c('scorer', ecr('payments/fraud-scoring'), '1', '2Gi', { cpuLimit: '2', memoryLimit: '3Gi' })], { deployEveryBusinessHours: 40, leadMinutes: WEEKLY }),
    deployment('ledger-writer', 2, 'steady', [c('writer', ecr('payments/ledger-writer'), '250m', '512Mi', { memoryLimit: '512Mi' })], { deployEveryBusinessHours: 40, leadMinutes: WEEKLY, commitAnnotation: 'oci' }),
    deployment('payout-scheduler', 1, 'idle', [c('scheduler', ecr('payments/payout-scheduler'), '100m', '128Mi')]),
    deployment('webhook-dispatcher', 2, 'idle', [c('dispatcher', ecr('payments/webhook-dispatcher'), '250m', '256Mi')], { deployEveryBusinessHours: 40, leadMinutes: WEEKLY }),
    statefulSet('payments-postgres', 2, 'steady', '50Gi', [c('postgres', 'postgres:16.2', '1', '4Gi', { cpuLimit: '2', memoryLimit: '4Gi' }), c('exporter', 'quay.io/prometheuscommunity/postgres-exporter:v0.15.0', '50m', '64Mi')], { pool: 'memory-optimized', deployEveryBusinessHours: 40, leadMinutes: WEEKLY, antiAffinity: true }),
    cronJob('settlement-batch', '0 */6 * * *', 20, [c('settle', ecr('payments/settlement'), '1', '2Gi')]),
    cronJob('fx-rates-sync', '*/15 * * * *', 1, [c('sync', ecr('payments/fx-rates'), '50m', '64Mi')]),
  ]),
  team('data-pipelines', 'data', [
    deployment('airflow-webserver', 1, 'idle', [c('webserver', 'apache/airflow:2.8.1', '500m', '1Gi')]),
    deployment('airflow-scheduler', 1, 'steady', [c('scheduler', 'apache/airflow:2.8.1', '500m', '1Gi')]),
    deployment('airflow-worker', 4, 'idle', [c('worker', 'apache/airflow:2.8.1', '1', '4Gi')], { pool: 'spot' }),
    deployment('kafka-connect', 2, 'steady', [c('connect', ecr('data/kafka-connect'), '500m', '2Gi')], { deployEveryBusinessHours: 40 }),
    statefulSet('kafka', 3, 'steady', '200Gi', [c('kafka', 'bitnami/kafka:3.6.1', '2', '8Gi', { memoryLimit: '8Gi' })], { pool: 'memory-optimized', antiAffinity: true }),
    statefulSet('zookeeper', 3, 'steady', '10Gi', [c('zookeeper', 'bitnami/zookeeper:3.9.1', '250m', '1Gi')], { antiAffinity: true }),
    cronJob('etl-hourly', '5 * * * *', 12, [c('etl', ecr('data/etl'), '1', '2Gi')], { pool: 'spot' }),
    cronJob('warehouse-compaction', '0 2 * * *', 40, [c('compact', ecr('data/compaction'), '2', '8Gi')], { pool: 'memory-optimized' }),
  ]),
  team('data-warehouse', 'data', [
    statefulSet('clickhouse', 2, 'steady', '500Gi', [c('clickhouse', 'clickhouse/clickhouse-server:23.12', '4', '16Gi', { memoryLimit: '16Gi' })], { pool: 'memory-optimized' }),
    deployment('metabase', 1, 'idle', [c('metabase', 'metabase/metabase:v0.48.6', '1', '2Gi')]),
    deployment('superset', 1, 'idle', [c('superset', 'apache/superset:3.1.0', '500m', '1Gi')]),
  ]),
  team('platform-web', 'platform-web', [
    deployment('web-frontend', 4, 'steady', [c('web', ecr('web/web-frontend'), '250m', '512Mi', { memoryLimit: '512Mi' })], { deployEveryBusinessHours: 6, scenario: 'unschedulable' }),
    deployment('api-gateway', 3, 'hot', [c('gateway', ecr('web/api-gateway'), '500m', '512Mi', { cpuLimit: '1', memoryLimit: '1Gi' })], { deployEveryBusinessHours: 24 }),
    deployment('image-resizer', 2, 'idle', [c('resizer', ecr('web/image-resizer'), '1', '1Gi')], { pool: 'spot' }),
    deployment('feature-flags', 2, 'steady', [c('flags', ecr('web/feature-flags'), '100m', '128Mi')], { deployEveryBusinessHours: 40 }),
    deployment('cms-renderer', 2, 'leak', [c('renderer', ecr('web/cms-renderer'), '500m', '1Gi', { cpuLimit: '1', memoryLimit: '2Gi' })], { deployEveryBusinessHours: 24 }),
    statefulSet('session-redis', 1, 'steady', '5Gi', [c('redis', 'redis:7.2.4-alpine', '250m', '512Mi', { memoryLimit: '512Mi' })]),
    cronJob('sitemap-generator', '0 4 * * *', 15, [c('generator', ecr('web/sitemap'), '500m', '512Mi')]),
  ]),
  team('ml-inference', 'ml', [
    deployment('recommender', 1, 'gpu', [c('triton', 'nvcr.io/nvidia/tritonserver:24.01-py3', '2', '8Gi', { cpuLimit: '2', memoryLimit: '8Gi', gpu: 1 })], { pool: 'gpu', deployEveryBusinessHours: 80 }),
    deployment('embedding-service', 1, 'gpu', [c('embedder', ecr('ml/embeddings'), '2', '6Gi', { memoryLimit: '6Gi', gpu: 1 })], { pool: 'gpu' }),
    deployment('feature-store-api', 2, 'steady', [c('api', ecr('ml/feature-store'), '500m', '1Gi')], { deployEveryBusinessHours: 40 }),
    cronJob('model-eval', '0 5 * * 0', 30, [c('eval', ecr('ml/model-eval'), '1', '2Gi')]),
  ]),
];

/** No team label: its costs are unassigned unless a pod says otherwise (pdf-export has `owner: data`). */
export const UNOWNED_NAMESPACE: CatalogNamespace = {
  name: 'legacy-reports',
  team: null,
  shared: false,
  workloads: [
    deployment('report-server', 2, 'idle', [c('server', ecr('legacy/report-server'), '1', '2Gi')]),
    deployment('pdf-export', 1, 'idle', [c('export', ecr('legacy/pdf-export'), '250m', '512Mi')], { podLabels: { owner: 'data' } }),
    cronJob('weekly-report', '0 6 * * 1', 20, [c('report', ecr('legacy/weekly-report'), '500m', '1Gi')]),
  ],
};

const EKS = '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks';
const nodeCritical = { priorityClassName: 'system-node-critical', hostNetwork: true };
const csiSidecar = (name: string, image: string) => c(name, image, '10m', '40Mi');

export const SHARED_NAMESPACES: CatalogNamespace[] = [
  {
    name: 'kube-system',
    team: null,
    shared: true,
    workloads: [
      daemonSet('kube-proxy', [c('kube-proxy', `${EKS}/kube-proxy:v1.29.0-minimal-eksbuild.1`, '100m')], nodeCritical),
      daemonSet('aws-node', [c('aws-node', `${EKS}/amazon-k8s-cni:v1.16.0-eksbuild.1`, '25m'), c('aws-eks-nodeagent', `${EKS}/aws-network-policy-agent:v1.0.7-eksbuild.1`, '25m')], nodeCritical),
      daemonSet('ebs-csi-node', [c('ebs-plugin', `${EKS}/aws-ebs-csi-driver:v1.26.1`, '10m', '40Mi', { memoryLimit: '256Mi' }), csiSidecar('node-driver-registrar', `${EKS}/csi-node-driver-registrar:v2.9.3-eks-1-29-2`), csiSidecar('liveness-probe', `${EKS}/livenessprobe:v2.11.0-eks-1-29-2`)], { priorityClassName: 'system-node-critical' }),
      daemonSet('nvidia-device-plugin-daemonset', [c('nvidia-device-plugin-ctr', 'nvcr.io/nvidia/k8s-device-plugin:v0.14.5')], { pool: 'gpu', priorityClassName: 'system-node-critical' }),
      deployment('coredns', 2, 'daemon', [c('coredns', `${EKS}/coredns:v1.11.1-eksbuild.4`, '100m', '70Mi', { memoryLimit: '170Mi' })], { priorityClassName: 'system-cluster-critical' }),
      deployment('metrics-server', 1, 'daemon', [c('metrics-server', 'registry.k8s.io/metrics-server/metrics-server:v0.7.0', '100m', '200Mi')], { priorityClassName: 'system-cluster-critical' }),
      deployment('cluster-autoscaler', 1, 'daemon', [c('cluster-autoscaler', 'registry.k8s.io/autoscaling/cluster-autoscaler:v1.29.0', '100m', '600Mi', { cpuLimit: '100m', memoryLimit: '600Mi' })], { priorityClassName: 'system-cluster-critical' }),
      deployment('ebs-csi-controller', 2, 'daemon', [c('ebs-plugin', `${EKS}/aws-ebs-csi-driver:v1.26.1`, '10m', '40Mi'), csiSidecar('csi-provisioner', `${EKS}/csi-provisioner:v3.6.3-eks-1-29-2`), csiSidecar('csi-attacher', `${EKS}/csi-attacher:v4.4.3-eks-1-29-2`), csiSidecar('csi-resizer', `${EKS}/csi-resizer:v1.9.3-eks-1-29-2`)], { priorityClassName: 'system-cluster-critical' }),
    ],
  },
  {
    name: 'monitoring',
    team: null,
    shared: true,
    workloads: [
      daemonSet('node-exporter', [c('node-exporter', 'quay.io/prometheus/node-exporter:v1.7.0', '100m', '180Mi', { memoryLimit: '180Mi' })], { hostNetwork: true }),
      daemonSet('fluent-bit', [c('fluent-bit', 'cr.fluentbit.io/fluent/fluent-bit:2.2.2', '100m', '128Mi', { memoryLimit: '256Mi' })]),
      statefulSet('prometheus-k8s', 2, 'hot', '200Gi', [c('prometheus', 'quay.io/prometheus/prometheus:v2.49.1', '1', '8Gi', { memoryLimit: '8Gi' }), c('config-reloader', 'quay.io/prometheus-operator/prometheus-config-reloader:v0.71.2', '10m', '25Mi', { cpuLimit: '10m', memoryLimit: '25Mi' })], { pool: 'memory-optimized' }),
      statefulSet('alertmanager-main', 2, 'idle', '5Gi', [c('alertmanager', 'quay.io/prometheus/alertmanager:v0.26.0', '100m', '256Mi')]),
      deployment('grafana', 1, 'idle', [c('grafana', 'docker.io/grafana/grafana:10.3.3', '250m', '512Mi')]),
      deployment('kube-state-metrics', 1, 'steady', [c('kube-state-metrics', 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.10.1', '100m', '256Mi')]),
      deployment('prometheus-operator', 1, 'daemon', [c('prometheus-operator', 'quay.io/prometheus-operator/prometheus-operator:v0.71.2', '100m', '128Mi')]),
    ],
  },
];

/** Namespaces every cluster has, with no workloads of their own. */
export const EMPTY_SYSTEM_NAMESPACES = ['default', 'kube-public', 'kube-node-lease'];

/**
 * The onboarding scenario (onboarding.ts): the checkout team's new service namespace
 * `checkout-<service>`, one Deployment that then ships like the team's others.
 */
export const CATALOG_ONBOARDING = {
  team: 'checkout',
  services: ['gift-cards', 'loyalty', 'returns', 'wishlist', 'store-pickup', 'subscriptions'],
  workload: deployment('service', 1, 'steady', [c('app', ecr('checkout/new-service'), '250m', '256Mi', { memoryLimit: '512Mi' })], { deployEveryBusinessHours: 8, leadMinutes: FAST }),
} as const;
