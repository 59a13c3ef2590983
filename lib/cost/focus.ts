/**
 * FOCUS (FinOps Open Cost and Usage Specification) 1.2 rows for Kubernetes allocations, with
 * 1.3's split-allocation columns and Tally's quantities as `x_` columns. One row is one
 * allocation (cluster × team × namespace × workload, or the idle/shared/unmounted lines) over
 * one charge period (a UTC day or hour).
 */

export type FocusType = 'Decimal' | 'String' | 'DateTime' | 'JSON';

export interface FocusColumn {
  name: string;
  type: FocusType;
  nullable: boolean;
  /** The values FOCUS allows, when it lists them. */
  allowed?: readonly (string | null)[];
  /** FOCUS 1.2 mandatory column. */
  mandatory: boolean;
}

const col = (name: string, type: FocusType, nullable: boolean, mandatory: boolean, allowed?: readonly (string | null)[]): FocusColumn =>
  allowed ? { name, type, nullable, mandatory, allowed } : { name, type, nullable, mandatory };

/** The columns in file order: FOCUS 1.2's 21 mandatory ones (alphabetical), then optional and 1.3 ones, then `x_`. */
export const FOCUS_COLUMNS: readonly FocusColumn[] = [
  col('BilledCost', 'Decimal', false, true),
  col('BillingAccountId', 'String', false, true),
  col('BillingAccountName', 'String', true, true),
  col('BillingCurrency', 'String', false, true),
  col('BillingPeriodEnd', 'DateTime', false, true),
  col('BillingPeriodStart', 'DateTime', false, true),
  col('ChargeCategory', 'String', false, true, ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment']),
  col('ChargeClass', 'String', true, true, ['Correction', null]),
  col('ChargeDescription', 'String', true, true),
  col('ChargePeriodEnd', 'DateTime', false, true),
  col('ChargePeriodStart', 'DateTime', false, true),
  col('ContractedCost', 'Decimal', false, true),
  col('EffectiveCost', 'Decimal', false, true),
  col('InvoiceIssuerName', 'String', false, true),
  col('ListCost', 'Decimal', false, true),
  col('PricingQuantity', 'Decimal', true, true),
  col('PricingUnit', 'String', true, true),
  col('ProviderName', 'String', false, true),
  col('PublisherName', 'String', false, true),
  col('ServiceCategory', 'String', false, true, ['Compute']),
  col('ServiceName', 'String', false, true),
  col('ChargeFrequency', 'String', true, false, ['One-Time', 'Recurring', 'Usage-Based']),
  col('ConsumedQuantity', 'Decimal', true, false),
  col('ConsumedUnit', 'String', true, false),
  col('ResourceId', 'String', true, false),
  col('ResourceName', 'String', true, false),
  col('ResourceType', 'String', true, false),
  col('ServiceSubcategory', 'String', true, false, ['Containers']),
  col('SubAccountId', 'String', true, false),
  col('SubAccountName', 'String', true, false),
  col('Tags', 'JSON', true, false),
  col('AllocatedMethodId', 'String', true, false),
  col('AllocatedResourceId', 'String', true, false),
  col('AllocatedResourceName', 'String', true, false),
  col('AllocatedTags', 'JSON', true, false),
  col('x_Cluster', 'String', false, false),
  col('x_Team', 'String', false, false),
  col('x_Namespace', 'String', true, false),
  col('x_ControllerKind', 'String', true, false),
  col('x_Controller', 'String', true, false),
  col('x_Line', 'String', false, false, ['workload', 'idle', 'shared', 'unmounted']),
  col('x_CpuCoreHours', 'Decimal', false, false),
  col('x_RamByteHours', 'Decimal', false, false),
  col('x_GpuHours', 'Decimal', false, false),
  col('x_PvByteHours', 'Decimal', false, false),
  col('x_CpuCostUsd', 'Decimal', false, false),
  col('x_RamCostUsd', 'Decimal', false, false),
  col('x_GpuCostUsd', 'Decimal', false, false),
  col('x_PvCostUsd', 'Decimal', false, false),
  col('x_SharedCostUsd', 'Decimal', false, false),
  col('x_IdleCostUsd', 'Decimal', false, false),
  col('x_AdjustmentUsd', 'Decimal', false, false),
  col('x_UsdExchangeRate', 'Decimal', false, false),
];

/** What one row is made of: an allocation's parts over one charge period, USD and resource-hours. */
export interface FocusInput {
  cluster: string;
  /** `__unallocated__` for cost without a team; the line's name for idle/shared/unmounted. */
  team: string;
  namespace: string | null;
  controllerKind: string | null;
  controller: string | null;
  line: 'workload' | 'idle' | 'shared' | 'unmounted';
  chargeStartMs: number;
  chargeEndMs: number;
  billingStartMs: number;
  billingEndMs: number;
  /** Hours the allocation ran in the period (its minutes ÷ 60). */
  hours: number;
  cpuCoreHours: number;
  ramByteHours: number;
  gpuHours: number;
  pvByteHours: number;
  cpuCostUsd: number;
  ramCostUsd: number;
  gpuCostUsd: number;
  pvCostUsd: number;
  sharedCostUsd: number;
  idleCostUsd: number;
  /** Invoice reconciliation's part of the total (0 without an invoice). */
  adjustmentUsd: number;
  /** The allocated, reconciled cost: Σ of the parts above. */
  totalCostUsd: number;
  /** tally.yaml `pricing.discountPercent`: list cost = total ÷ (1 − discount). */
  discountPercent: number;
  /** The billing currency (ISO 4217) and its units per 1 USD for the month (1 for USD). */
  currency: string;
  usdExchangeRate: number;
  /** Labels to carry in Tags (the team label keys that the workload has). */
  labels: Readonly<Record<string, string>>;
}

/** `YYYY-MM-DDTHH:mm:ssZ`, as FOCUS writes date-times. */
export function focusDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Method of the 1.3 split allocation: requests (or usage when higher), priced per node, shares as configured. */
export const ALLOCATION_METHOD = 'tally:max-request-usage';

/**
 * One FOCUS row. BilledCost = ContractedCost = EffectiveCost = the allocated, reconciled cost
 * (chargeback has no amortisation); ListCost = EffectiveCost ÷ (1 − discount%/100), the price
 * before the configured discount; these four in BillingCurrency (USD × the month's exchange
 * rate), the `x_…Usd` parts in USD. PricingQuantity = hours in the period, PricingUnit `Hours`.
 * Money in the row unrounded: the writer rounds.
 */
export function focusRow(r: FocusInput): Record<string, string | number | null> {
  const workload = r.namespace && r.controllerKind && r.controller ? `${r.namespace}/${r.controllerKind.toLowerCase()}/${r.controller}` : null;
  const resourceId = workload ? `${r.cluster}/${workload}` : `${r.cluster}/${r.line === 'workload' ? r.namespace ?? r.team : r.line}`;
  const tags = JSON.stringify({ team: r.team, ...(r.namespace ? { namespace: r.namespace } : {}), ...r.labels });
  const listFactor = r.discountPercent > 0 && r.discountPercent < 100 ? 1 / (1 - r.discountPercent / 100) : 1;
  const billed = r.totalCostUsd * r.usdExchangeRate;
  const what = r.line === 'workload' ? (workload ?? r.namespace ?? 'pods without a controller') : `${r.line} cost`;
  return {
    BilledCost: billed, BillingAccountId: r.cluster, BillingAccountName: r.cluster, BillingCurrency: r.currency,
    BillingPeriodEnd: focusDateTime(r.billingEndMs), BillingPeriodStart: focusDateTime(r.billingStartMs),
    ChargeCategory: 'Usage', ChargeClass: null,
    ChargeDescription: `Kubernetes ${what} in cluster ${r.cluster}, team ${r.team}`,
    ChargePeriodEnd: focusDateTime(r.chargeEndMs), ChargePeriodStart: focusDateTime(r.chargeStartMs),
    ContractedCost: billed, EffectiveCost: billed, InvoiceIssuerName: 'Tally chargeback', ListCost: billed * listFactor,
    PricingQuantity: r.hours, PricingUnit: 'Hours', ProviderName: 'Kubernetes', PublisherName: 'Kubernetes',
    ServiceCategory: 'Compute', ServiceName: 'Kubernetes',
    ChargeFrequency: 'Usage-Based', ConsumedQuantity: r.cpuCoreHours, ConsumedUnit: 'Core-Hours',
    ResourceId: resourceId, ResourceName: workload ?? r.line, ResourceType: r.line === 'workload' ? (r.controllerKind ?? 'Pod') : r.line,
    ServiceSubcategory: 'Containers', SubAccountId: r.namespace, SubAccountName: r.namespace, Tags: tags,
    AllocatedMethodId: ALLOCATION_METHOD, AllocatedResourceId: resourceId, AllocatedResourceName: workload ?? r.line, AllocatedTags: tags,
    x_Cluster: r.cluster, x_Team: r.team, x_Namespace: r.namespace, x_ControllerKind: r.controllerKind, x_Controller: r.controller, x_Line: r.line,
    x_CpuCoreHours: r.cpuCoreHours, x_RamByteHours: r.ramByteHours, x_GpuHours: r.gpuHours, x_PvByteHours: r.pvByteHours,
    x_CpuCostUsd: r.cpuCostUsd, x_RamCostUsd: r.ramCostUsd, x_GpuCostUsd: r.gpuCostUsd, x_PvCostUsd: r.pvCostUsd,
    x_SharedCostUsd: r.sharedCostUsd, x_IdleCostUsd: r.idleCostUsd, x_AdjustmentUsd: r.adjustmentUsd, x_UsdExchangeRate: r.usdExchangeRate,
  };
}
