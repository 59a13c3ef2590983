/** The pure cost model (DESIGN.md §2): plain numbers in, plain numbers out; no I/O, no clock. */
export { DEFAULT_RATES, DEFAULT_SPOT_RATES, HOURS_PER_MONTH, roundUsd, type RateCard } from './rates';
export { CATALOG, CATALOG_TAKEN_ON, SPOT_DISCOUNT, type CatalogEntry, type CatalogProvider } from './catalog-data';
export { lookupListPrice, type CapacityType, type ListPrice, type ListPriceQuery } from './catalog';
export { nodeHourlyPrice, splitNodePrice, type NodePrice, type NodeShape, type PriceSource, type ResourcePrices } from './node-price';
export { medianIntervalMs, sampleDurations, type SampleDurationOptions } from './sample-weights';
export { allocateContainerHour, allocated, BYTES_PER_GIB, type ContainerAllocation, type ContainerSample } from './allocation';
export { CLAMP_TOLERANCE_USD, nodeIdle, type AllocatedCost, type NodeHourShape, type NodeIdle } from './idle';
export { attributeTeam, DEFAULT_ATTRIBUTION, UNASSIGNED_TEAM, type AttributionConfig, type AttributionSource } from './attribution';
export { aggregate, idleShares, propertyValue, type AggregateOptions, type IdleCost, type ResourceCosts, type ShareSplit } from './aggregate';
export { IDLE, SHARED, UNALLOCATED, UNMOUNTED, emptyAllocation, sumAllocations, totalCost, type Allocation, type AllocationProperties } from './allocation-set';
export { EMPTY_PRICE_BOOK, priceNode, rateCardFromMonthly, type NodePriceSource, type PriceBook } from './price-book';
export { parsePriceSheet, PriceSheetError, type PriceSheetEntry } from './price-sheet-csv';
export { allocateClaimHour, pvcShareCoefficients } from './pv-share';
export { reconcileAllocation, reconcileIdle, reconciliationFactor } from './reconcile';
