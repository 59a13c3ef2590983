import Link from 'next/link';
import type { ReactNode } from 'react';
import { allocationDefaults } from '@/lib/allocation/defaults';
import { getDatabase } from '@/lib/db/instance';
import { formatPercent, formatUsd } from '@/lib/format';
import { UNALLOCATED } from '@/lib/cost/allocation-set';
import type { CostFilters } from '@/lib/queries/filters';
import { getIdleCost } from '@/lib/queries/get-idle-cost';
import { getTeamAllocation } from '@/lib/queries/get-team-allocation';
import { teamLabel } from '../_lib/team-param';
import { DataTable } from './data-table';
import { IdleToggle, type IdleMode } from './idle-toggle';
import { currency } from './sections';

interface Line {
  key: string;
  name: ReactNode;
  costUsd: number | null;
  idleShareUsd: number | null;
  sharedUsd: number | null;
  totalUsd: number;
  muted: boolean;
}

/** KPI cards (total, idle and its two shares) and the team table, for one window. */
export async function TeamCostSection({ filters, period, idle, query }: { filters: CostFilters; period: string; idle: IdleMode; query: string }) {
  const db = await getDatabase();
  const [costs, nodeIdle] = await Promise.all([
    getTeamAllocation(db, filters, { idle, defaults: allocationDefaults() }),
    getIdleCost(db, filters),
  ]);
  const money = (usd: number) => formatUsd(usd, currency());
  const hasShared = costs.teams.some((t) => t.sharedUsd !== 0) || costs.unsharedUsd !== 0;
  const ofTotal = (usd: number) => formatPercent(costs.totalUsd > 0 ? usd / costs.totalUsd : 0);
  const lines: Line[] = [
    ...costs.teams.map((t) => ({
      key: t.team,
      name: <Link href={t.team === UNALLOCATED ? `/unallocated?${query}` : `/teams/${encodeURIComponent(t.team)}?${query}`}>{teamLabel(t.team)}</Link>,
      costUsd: t.costUsd, idleShareUsd: t.idleShareUsd, sharedUsd: t.sharedUsd, totalUsd: t.totalUsd, muted: false,
    })),
    ...(costs.idleUsd !== 0 ? [{ key: '__idle__', name: 'idle', costUsd: costs.idleUsd, idleShareUsd: null, sharedUsd: null, totalUsd: costs.idleUsd, muted: true }] : []),
    ...(costs.unsharedUsd !== 0 ? [{ key: '__shared__', name: 'shared, not spread', costUsd: null, idleShareUsd: null, sharedUsd: costs.unsharedUsd, totalUsd: costs.unsharedUsd, muted: true }] : []),
  ];
  const amount = (usd: number | null) => (usd === null ? null : money(usd));
  return (
    <>
      <div className="cards">
        <div className="card">
          <div className="card-label">Total cost, {period}</div>
          <div className="card-value" data-testid="total-cost">{money(costs.totalUsd)}</div>
        </div>
        <div className="card">
          <div className="card-label">Idle cost, {period}</div>
          <div className="card-value" data-testid="idle-cost">{money(costs.windowIdleUsd)}</div>
          <div className="muted" data-testid="idle-shares">
            {formatPercent(nodeIdle.share)} of node cost · {ofTotal(costs.windowIdleUsd)} of total cost
          </div>
        </div>
        <div className="card">
          <div className="card-label">Teams</div>
          <div className="card-value">{costs.teams.filter((t) => t.team !== UNALLOCATED).length}</div>
        </div>
      </div>
      {costs.adjustmentUsd !== 0 ? (
        <p className="banner" data-testid="reconciled">
          Reconciled with the invoice: {costs.adjustmentUsd > 0 ? '+' : '−'}
          {money(Math.abs(costs.adjustmentUsd))} ({formatPercent(Math.abs(costs.adjustmentUsd) / Math.max(costs.totalUsd - costs.adjustmentUsd, 1e-9))}
          {costs.adjustmentUsd > 0 ? ' more' : ' less'} than modelled), spread over every allocation in proportion to its cost.
        </p>
      ) : null}
      <div className="section-head">
        <h2>Cost per team</h2>
        <IdleToggle idle={idle} query={query} />
      </div>
      <DataTable
        testId="team-costs"
        label="cost per team"
        rows={lines}
        rowKey={(l) => l.key}
        rowClassName={(l) => (l.muted ? 'muted' : undefined)}
        empty="No cost recorded in this window."
        columns={[
          { header: 'Team', cell: (l) => l.name },
          { header: 'Cost', numeric: true, cell: (l) => amount(l.costUsd) },
          idle === 'share' && { header: 'of which idle', numeric: true, className: 'muted', cell: (l) => amount(l.idleShareUsd) },
          hasShared && { header: 'Shared', numeric: true, cell: (l) => amount(l.sharedUsd) },
          { header: 'Total', numeric: true, cell: (l) => money(l.totalUsd) },
          { header: 'Share of total', numeric: true, cell: (l) => ofTotal(l.totalUsd) },
        ]}
      />
    </>
  );
}

export type { IdleMode };
