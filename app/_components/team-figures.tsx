import { formatPercent, formatUsd } from '@/lib/format';
import type { TeamAllocation } from '@/lib/queries/get-team-allocation';
import { currency } from './sections';
import type { IdleMode } from './idle-toggle';

/**
 * One team's row of the overview's team table as cards: cost, its idle share (when idle is
 * shared), its shared part, total and share of the window's total.
 */
export function TeamFigures({ row, idle, period }: { row: TeamAllocation; idle: IdleMode; period: string }) {
  const money = (usd: number) => formatUsd(usd, currency());
  return (
    <div className="cards" data-testid="team-figures">
      <div className="card">
        <div className="card-label">Cost, {period}</div>
        <div className="card-value" data-testid="team-cost">{money(row.costUsd)}</div>
        <div className="muted">{idle === 'share' ? 'its workloads, with their share of idle' : 'its workloads (idle on its own line)'}</div>
      </div>
      <div className="card">
        <div className="card-label">Idle share</div>
        <div className="card-value" data-testid="team-idle">{money(row.idleShareUsd)}</div>
        <div className="muted">{idle === 'share' ? 'included in the cost' : 'idle not shared over teams'}</div>
      </div>
      <div className="card">
        <div className="card-label">Shared</div>
        <div className="card-value" data-testid="team-shared">{money(row.sharedUsd)}</div>
        <div className="muted">shared namespaces and overhead spread onto it</div>
      </div>
      <div className="card">
        <div className="card-label">Total</div>
        <div className="card-value" data-testid="team-total">{money(row.totalUsd)}</div>
        <div className="muted">{formatPercent(row.share)} of total cost</div>
      </div>
    </div>
  );
}
