// The delivery (time-to-market) model: pure, table-tested (issue 9 §2).
export * from './types';
export { classifyChange, sameTemplate } from './classify';
export { commitOf, parseCommitTime } from './commit';
export { deriveWorkloadRollouts } from './rollouts';
export { countedAtMs, quantile, summarizeDelivery, summarizeDeliveryAggregates, type DeliveryAggregates, type DeliveryInput, type DeliverySummary, type SummaryRollout } from './summary';
export { DEFAULT_DORA_YEAR, DORA_TIERS, doraTiers, type DoraTierTable, type DoraTiers } from './tiers';
export { costImpact, failedRolloutCostUsd, type FailedRolloutCostInput } from './cost';
export * from './histogram';
