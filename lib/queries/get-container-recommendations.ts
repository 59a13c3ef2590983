import type { FilterClause } from '../allocation/filter';
import { aggregateRecommendations, type RecommendationGroup, type RecommendationGrouping } from '../capacity/aggregate-recommendations';
import { recommendContainer, type LimitPolicy, type RecommendationRow, type Strategy } from '../capacity/recommend';
import type { Database } from '../db/client';
import { cachedOnCostData } from './cost-cache';
import { getContainerUsage } from './get-container-usage';

export interface ContainerRecommendationsOptions {
  /** The lookback [startMs, endMs), UTC milliseconds (whole hours). */
  startMs: number;
  endMs: number;
  strategy: Strategy;
  /** OpenCost filter clauses on cluster, namespace, controllerKind, controllerName, container, team. */
  filter?: FilterClause[];
  /** Overrides of the strategy's default CPU and memory limits. */
  limitPolicy?: { cpu?: LimitPolicy; memory?: LimitPolicy };
  /** Recommend requests an HPA scales on too (default: no recommendation, "HPA scales on CPU"). */
  includeHpaResources?: boolean;
  /** Also sum the rows per team, namespace or controller. */
  aggregate?: RecommendationGrouping;
}

export interface ContainerRecommendations {
  /** One row per container of a workload, largest monthly saving first. */
  rows: RecommendationRow[];
  /** The rows summed per `aggregate`, largest saving first; null without `aggregate`. */
  groups: RecommendationGroup[] | null;
}

/**
 * The right-sizing recommendation of every workload container with usage in the lookback, from
 * the stored rollups (getContainerUsage → recommendContainer). The VPA's decay is referenced to
 * the lookback's end, so a result depends on its options only and is kept until the rollups
 * change (cachedOnCostData): a repeated request within the hour costs one version read. The
 * requests "in force" are the latest collected pod's, so a change of requests shows after the
 * next rollup (every 5 minutes by default). Savings are unrounded (round at display).
 */
export async function getContainerRecommendations(db: Database, options: ContainerRecommendationsOptions): Promise<ContainerRecommendations> {
  const { startMs, endMs, strategy } = options;
  const filter = options.filter ?? [];
  const limitPolicy = options.limitPolicy ?? {};
  const includeHpaResources = options.includeHpaResources ?? false;
  const key = `recommendations:${JSON.stringify([startMs, endMs, strategy, filter, limitPolicy, includeHpaResources])}`;
  const rows = await cachedOnCostData(db, key, async () => {
    // The simple strategy reads no periods (the VPA's input) unless a memory percentile limit needs the daily peaks.
    const withPeriods = strategy === 'vpa' || limitPolicy.memory?.kind === 'percentile';
    const histories = await getContainerUsage(db, { startMs, endMs, filter, withPeriods });
    return histories
      .map((h) => recommendContainer(h, { strategy, nowMs: endMs, limitPolicy, includeHpaResources }))
      .sort((a, b) => b.monthlySavingUsd - a.monthlySavingUsd || rowKey(a).localeCompare(rowKey(b)));
  });
  return { rows, groups: options.aggregate ? aggregateRecommendations(rows, options.aggregate) : null };
}

const rowKey = (r: RecommendationRow) => [r.cluster, r.namespace, r.controllerKind, r.controllerName, r.container].join('\u0000');
