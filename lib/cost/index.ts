/** The pure cost model (DESIGN.md §2): plain numbers in, plain numbers out; no I/O, no clock. */
export { CATALOG, CATALOG_TAKEN_ON, SPOT_DISCOUNT, type CatalogEntry, type CatalogProvider } from './catalog-data';
export { lookupListPrice, type CapacityType, type ListPrice, type ListPriceQuery } from './catalog';
export { medianIntervalMs, sampleDurations, type SampleDurationOptions } from './sample-weights';
export { allocateContainerHour, allocated, BYTES_PER_GIB, type ContainerAllocation, type ContainerSample } from './allocation';
export { CLAMP_TOLERANCE_USD, nodeIdle, type AllocatedCost, type NodeHourShape, type NodeIdle } from './idle';
export { attributeTeam, DEFAULT_ATTRIBUTION, isSharedCost, NO_SHARING, UNASSIGNED_TEAM, type AttributionConfig, type AttributionSource, type SharingConfig } from './attribution';
export { aggregate, idleShares, propertyValue, type AggregateOptions, type IdleCost, type ResourceCosts, type ShareSplit } from './aggregate';
export { IDLE, SHARED, UNALLOCATED, UNMOUNTED, emptyAllocation, sumAllocations, totalCost, type Allocation, type AllocationProperties } from './allocation-set';
export { allocateClaimHour, pvcShareCoefficients } from './pv-share';
export { reconcileAllocation, reconcileIdle, reconciliationFactor } from './reconcile';
export { DEFAULT_RATES, DEFAULT_SPOT_RATES, HOURS_PER_MONTH, rateCardFromMonthly, rateCardNodePrice, roundUsd, type MonthlyRates, type RateCard } from './rates';
export { nodeHourlyPrice, splitNodePrice, type NodePrice, type NodePriceSource, type NodeShape, type PriceSource, type ResourcePrices, type StoragePriceSource } from './node-price';
export { parsePriceSheet, PriceSheetError, type PriceSheetEntry } from './price-sheet';
export { buildPriceBook, effectivePriceDate, EMPTY_PRICE_BOOK, firstOpenHour, priceNode, priceStorage, sheetEntryFor, type PriceBook, type PriceBookOptions, type PricedNode, type PricedStorage } from './pricing';
