export { DEFAULT_RATES, DEFAULT_SPOT_RATES, HOURS_PER_MONTH, roundUsd, type RateCard } from './rates';
export { lookupListPrice, nodeHourlyPrice, splitNodePrice, type NodeShape, type PriceSource, type ResourcePrices } from './node-price';
export { sampleDurations } from './sample-weights';
export { allocateContainerHour, allocated, type ContainerAllocation, type ContainerSample } from './allocation';
export { nodeIdle, type NodeIdle } from './idle';
export { attributeTeam, DEFAULT_ATTRIBUTION, UNASSIGNED_TEAM, type AttributionConfig } from './attribution';
