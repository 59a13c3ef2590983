import type { FilterClause } from '../allocation/filter';
import { AppError } from '../util/errors';

/** The allocation filter fields the delivery tables carry. */
export const DELIVERY_FILTER_FIELDS = ['cluster', 'namespace', 'controllerKind', 'controllerName', 'team'] as const;
type DeliveryFilterField = (typeof DELIVERY_FILTER_FIELDS)[number];

const COLUMN: Record<DeliveryFilterField, string> = {
  cluster: 'c.name', namespace: 'r.namespace', controllerKind: 'r.controller_kind', controllerName: 'r.controller_name', team: 'r.team',
};

/** Throws AppError INVALID (`filter: …`) naming the fields the delivery tables cannot filter on. */
export function assertDeliveryFilter(filter: readonly FilterClause[]): void {
  const unsupported = [...new Set(filter.map((c) => c.field).filter((f) => !(DELIVERY_FILTER_FIELDS as readonly string[]).includes(f)))];
  if (unsupported.length) {
    throw new AppError('INVALID', `filter: ${unsupported.join(', ')} not supported here; use ${DELIVERY_FILTER_FIELDS.join(', ')}`);
  }
}

/** True when a clause filters on a workload (pod_startup_day has no controller columns). */
export const filtersController = (filter: readonly FilterClause[]): boolean =>
  filter.some((c) => c.field === 'controllerKind' || c.field === 'controllerName');

/**
 * SQL conditions (joined by AND) for the filter on a table aliased `r` joined to `cluster c`,
 * appending values to `params` ($n placeholders). controllerKind compares lowercase (rollout
 * keeps kinds lowercase). Clauses on fields in `skip` are left out.
 */
export function filterSql(filter: readonly FilterClause[], params: unknown[], skip: readonly string[] = []): string {
  assertDeliveryFilter(filter);
  const parts = filter.filter((c) => !skip.includes(c.field)).map((c) => {
    const field = c.field as DeliveryFilterField;
    const values = field === 'controllerKind' ? c.values.map((v) => v.toLowerCase()) : c.values;
    params.push(values);
    const column = field === 'controllerKind' ? `lower(${COLUMN[field]})` : COLUMN[field];
    return c.negated ? `NOT (${column} = ANY($${params.length}::text[]))` : `${column} = ANY($${params.length}::text[])`;
  });
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** filterSql for `filter` plus `c.name = $n` when one cluster is asked for (TRUE when neither is given). */
export function rolloutScopeSql(q: { filter?: readonly FilterClause[]; cluster?: string }, params: unknown[]): string {
  const where = filterSql(q.filter ?? [], params);
  if (q.cluster === undefined) return where;
  params.push(q.cluster);
  return `${where} AND c.name = $${params.length}`;
}
