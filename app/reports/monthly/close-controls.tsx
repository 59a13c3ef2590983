import type { MonthCloseInfo } from '@/lib/close/month-close';
import { formatUsd } from '@/lib/format';

const FROM: Record<MonthCloseInfo['closedBy'], string> = { cli: 'the CLI (tally close)', dashboard: 'the dashboard' };

/**
 * A closed month: when and from where, and what a recompute with today's data and config gives
 * (shown, not applied), with the explicit re-open; an open month that is over: the close button.
 */
export function CloseControls({ month, complete, close, currency }: { month: string; complete: boolean; close: MonthCloseInfo | null; currency: string }) {
  if (close) {
    const r = close.recompute;
    const moved = r !== null && Math.abs(r.differenceUsd) >= 0.005;
    return (
      <div className="banner" data-testid="month-closed">
        <p>
          <strong>Closed</strong> on {close.closedAt.slice(0, 16).replace('T', ' ')} UTC from {FROM[close.closedBy]}: these figures, the allocations and
          the export are frozen as they were signed off.{' '}
          {r === null ? null : moved ? (
            <span data-testid="month-recompute">
              A recompute on {r.checkedAt.slice(0, 16).replace('T', ' ')} UTC gives {formatUsd(r.totalCostUsd, currency)} ({r.differenceUsd > 0 ? '+' : ''}
              {formatUsd(r.differenceUsd, currency)}); not applied.
            </span>
          ) : (
            <span data-testid="month-recompute">A recompute on {r.checkedAt.slice(0, 16).replace('T', ' ')} UTC gives the same total.</span>
          )}
        </p>
        <form method="post" action="/api/v1/reports/monthly/close" className="filters">
          <input type="hidden" name="month" value={month} />
          <input type="hidden" name="action" value="reopen" />
          <label>
            <input type="checkbox" name="confirm" value="yes" required /> re-open {month}: its figures will be computed from the data again
          </label>
          <button type="submit" data-testid="reopen-month">Re-open</button>
        </form>
      </div>
    );
  }
  if (!complete) return null;
  return (
    <form method="post" action="/api/v1/reports/monthly/close" className="filters no-print" data-testid="close-form">
      <input type="hidden" name="month" value={month} />
      <button type="submit" data-testid="close-month">Close {month}</button>
      <span className="muted"> freezes the report, the allocations and the export for finance</span>
    </form>
  );
}
