import Link from 'next/link';
import { formatUsd } from '@/lib/format';
import { monthlyReportFor } from '@/lib/http/monthly-report';
import { currentTime } from '@/lib/util/clock';
import { BudgetBar } from '../reports/monthly/sparkline';
import { teamLabel } from '../_lib/team-param';
import { DataTable } from './data-table';

const STATUS: Record<string, string> = { under: 'under budget', 'at-risk': 'forecast over budget', over: 'over budget' };

/**
 * This month's budget use (the monthly report's figures: cost so far with shared costs, the
 * forecast, the budget and its status), for every team with a budget or for one team.
 */
export async function BudgetUseSection({ team }: { team?: string }) {
  const now = currentTime();
  const report = await monthlyReportFor({ month: now.toISOString().slice(0, 7), cluster: undefined, idle: 'separate' }, now);
  const rows = report.teams.filter((t) => t.budgetUsd !== null && (team === undefined || t.team === team));
  const money = (v: number) => formatUsd(v, report.currency);
  const link = `/reports/monthly?month=${report.month}`;
  if (rows.length === 0) {
    return <p className="muted" data-testid="budget-use-none">No budget for {team ? `team ${team}` : 'any team'} in {report.month} (tally.yaml <code>budgets</code>).</p>;
  }
  return (
    <>
      <DataTable
        testId="budget-use"
        label="budgets"
        rows={rows}
        rowKey={(r) => r.team}
        columns={[
          team === undefined ? { header: 'Team', cell: (r) => teamLabel(r.team) } : null,
          { header: `Spent in ${report.month}`, cell: (r) => money(r.totalCostUsd), numeric: true },
          { header: 'Budget', cell: (r) => <>{money(r.budgetUsd!)}<BudgetBar usedRatio={r.budgetUsedRatio} status={r.status} /></>, numeric: true },
          { header: 'Used', cell: (r) => (r.budgetUsedRatio === null ? '—' : `${(r.budgetUsedRatio * 100).toFixed(1)}%`), numeric: true },
          { header: 'Forecast', cell: (r) => money(r.forecastUsd), numeric: true },
          { header: 'Status', cell: (r) => <span data-status={r.status}>{STATUS[r.status] ?? r.status}</span> },
        ]}
      />
      <p className="muted"><Link href={link}>The monthly report</Link> has the whole month, last month and what moved it.</p>
    </>
  );
}
