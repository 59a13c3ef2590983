import { parseArgs } from 'node:util';
import type { FilterClause } from '../allocation/filter';
import { formatRecommendations } from '../capacity/patches';
import { ConfigStore, configPathFromEnv } from '../config';
import { databaseOptionsFromEnv, openDatabase, type Database } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { parseRecommendationParams, recommendationOut, recommendationsCsv } from '../http/recommendations';
import { getContainerRecommendations } from '../queries/get-container-recommendations';
import { AppError } from '../util/errors';

const FORMATS = ['table', 'json', 'csv', 'yaml'] as const;
type Format = (typeof FORMATS)[number];

/**
 * The text `tally recommend` prints for `argv` at `nowMs`: the API's rows (json and csv exactly as
 * GET /api/v1/recommendations/containers), a table, or yaml = one strategic-merge patch per workload.
 * `--namespace`, `--team`, `--cluster` take comma-separated values; the window defaults to lookbackDays.
 */
export async function recommendText(db: Database, argv: string[], nowMs: number, lookbackDays: number): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string' }, strategy: { type: 'string' }, window: { type: 'string' },
      namespace: { type: 'string' }, team: { type: 'string' }, cluster: { type: 'string' },
      'cpu-limit': { type: 'string' }, 'memory-limit': { type: 'string' }, 'include-hpa': { type: 'boolean' },
    },
    strict: true,
  });
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new AppError('INVALID', `--format: must be one of ${FORMATS.join(', ')}`);
  const search = new URLSearchParams();
  if (values.window !== undefined) search.set('window', values.window);
  if (values.strategy !== undefined) search.set('strategy', values.strategy);
  if (values['cpu-limit'] !== undefined) search.set('cpuLimit', values['cpu-limit']);
  if (values['memory-limit'] !== undefined) search.set('memoryLimit', values['memory-limit']);
  if (values['include-hpa']) search.set('includeHpa', 'true');
  const params = parseRecommendationParams(search, nowMs, lookbackDays);
  const filter: FilterClause[] = (['namespace', 'team', 'cluster'] as const).flatMap((field) => {
    const list = (values[field] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
    return list.length ? [{ field, negated: false, values: list }] : [];
  });
  const { rows } = await getContainerRecommendations(db, {
    startMs: params.window.startMs, endMs: params.window.endMs, strategy: params.strategy, filter,
    limitPolicy: params.limitPolicy, includeHpaResources: params.includeHpaResources,
  });
  switch (format) {
    case 'json':
      return JSON.stringify(rows.map(recommendationOut), null, 2) + '\n';
    case 'csv':
      return recommendationsCsv(rows.map(recommendationOut));
    default:
      return formatRecommendations(rows, format);
  }
}

/**
 * `tally recommend [--format table|json|csv|yaml] [--strategy simple|vpa] [--window 14d] [--namespace a,b] [--team t] [--cluster c]
 * [--cpu-limit unset|request|proportional|pNN] [--memory-limit …] [--include-hpa]`.
 */
export async function runRecommend(argv: string[]): Promise<number> {
  const config = new ConfigStore(configPathFromEnv()).current();
  const db = await openDatabase(databaseOptionsFromEnv());
  try {
    await db.session((s) => applyMigrations(s));
    process.stdout.write(await recommendText(db, argv, Date.now(), config.recommendations.lookbackDays));
    return 0;
  } finally {
    await db.close();
  }
}
