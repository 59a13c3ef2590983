import Link from 'next/link';
import { allocationDefaults } from '@/lib/allocation/defaults';
import { getDatabase } from '@/lib/db/instance';
import { formatPercent, formatUsd } from '@/lib/format';
import type { CostFilters } from '@/lib/queries/filters';
import { getIdleCost } from '@/lib/queries/get-idle-cost';
import { getTeamAllocation, UNALLOCATED } from '@/lib/queries/get-team-allocation';
import { currency } from './sections';

/** KPI cards (total, idle and its share of node cost) and the team table, for one window. */
export async function TeamCostSection({ filters, period, idle, query }: { filters: CostFilters; period: string; idle: IdleMode; query: string }) {
  const db = await getDatabase();
  const [costs, idleCost] = await Promise.all([
    getTeamAllocation(db, filters, { idle, defaults: allocationDefaults() }),
    getIdleCost(db, filters),
  ]);
  const hasShared = costs.teams.some((t) => t.sharedUsd !== 0) || costs.unsharedUsd !== 0;
  return (
    <>
      <div className="cards">
        <div className="card">
          <div className="card-label">Total cost, {period}</div>
          <div className="card-value" data-testid="total-cost">{formatUsd(costs.totalUsd, currency())}</div>
        </div>
        <div className="card">
          <div className="card-label">Idle cost, {period}</div>
          <div className="card-value">{formatUsd(idleCost.idleUsd, currency())}</div>
          <div className="muted">{formatPercent(idleCost.share)} of node cost</div>
        </div>
        <div className="card">
          <div className="card-label">Teams</div>
          <div className="card-value">{costs.teams.filter((t) => t.team !== UNALLOCATED).length}</div>
        </div>
      </div>
      {costs.adjustmentUsd !== 0 ? (
        <p className="banner" data-testid="reconciled">
          Reconciled with the invoice: {costs.adjustmentUsd > 0 ? '+' : '−'}
          {formatUsd(Math.abs(costs.adjustmentUsd), currency())} ({formatPercent(Math.abs(costs.adjustmentUsd) / Math.max(costs.totalUsd - costs.adjustmentUsd, 1e-9))}
          {costs.adjustmentUsd > 0 ? ' more' : ' less'} than modelled), spread over every allocation in proportion to its cost.
        </p>
      ) : null}
      <div className="section-head">
        <h2>Cost per team</h2>
        <nav className="toggle" aria-label="idle cost">
          Idle:{' '}
          <Link href={`?${withParam(query, 'idle', null)}`} aria-current={idle === 'separate' ? 'true' : undefined}>its own line</Link>
          <Link href={`?${withParam(query, 'idle', 'shared')}`} aria-current={idle === 'share' ? 'true' : undefined}>shared over teams</Link>
        </nav>
      </div>
      <table data-testid="team-costs">
        <thead>
          <tr>
            <th>Team</th>
            <th className="num">Cost</th>
            {idle === 'share' ? <th className="num">of which idle</th> : null}
            {hasShared ? <th className="num">Shared</th> : null}
            <th className="num">Total</th>
            <th className="num">Share</th>
          </tr>
        </thead>
        <tbody>
          {costs.teams.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">No cost recorded in this window.</td>
            </tr>
          ) : null}
          {costs.teams.map((t) => (
            <tr key={t.team}>
              <td>
                {t.team === UNALLOCATED ? <Link href={`/unallocated?${query}`}>unallocated</Link> : <Link href={`/teams/${encodeURIComponent(t.team)}?${query}`}>{t.team}</Link>}
              </td>
              <td className="num">{formatUsd(t.costUsd, currency())}</td>
              {idle === 'share' ? <td className="num muted">{formatUsd(t.idleShareUsd, currency())}</td> : null}
              {hasShared ? <td className="num">{formatUsd(t.sharedUsd, currency())}</td> : null}
              <td className="num">{formatUsd(t.totalUsd, currency())}</td>
              <td className="num">{formatPercent(t.share)}</td>
            </tr>
          ))}
          {idle === 'separate' ? (
            <tr className="muted">
              <td>idle</td>
              <td className="num">{formatUsd(costs.idleUsd, currency())}</td>
              {hasShared ? <td className="num" /> : null}
              <td className="num">{formatUsd(costs.idleUsd, currency())}</td>
              <td className="num">{formatPercent(costs.totalUsd > 0 ? costs.idleUsd / costs.totalUsd : 0)}</td>
            </tr>
          ) : null}
          {costs.unsharedUsd !== 0 ? (
            <tr className="muted">
              <td>shared, not spread</td>
              <td className="num" />
              {idle === 'share' ? <td className="num" /> : null}
              <td className="num">{formatUsd(costs.unsharedUsd, currency())}</td>
              <td className="num">{formatUsd(costs.unsharedUsd, currency())}</td>
              <td className="num">{formatPercent(costs.totalUsd > 0 ? costs.unsharedUsd / costs.totalUsd : 0)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </>
  );
}

/** The query string with `key` set to `value` (or removed), for links that keep the other filters. */
function withParam(query: string, key: string, value: string | null): string {
  const params = new URLSearchParams(query);
  if (value === null) params.delete(key);
  else params.set(key, value);
  return params.toString();
}

export type IdleMode = 'separate' | 'share';

