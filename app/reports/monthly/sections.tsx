import Link from 'next/link';
import { UNALLOCATED } from '@/lib/cost/allocation-set';
import { formatUsd } from '@/lib/format';
import { monthlyReportFor, type MonthlyReportOut } from '@/lib/http/monthly-report';
import { CloseControls } from './close-controls';
import { BudgetBar, Sparkline } from './sparkline';
import { TeamStatements } from './statements';
import { DataTable } from '../../_components/data-table';
import { teamLabel } from '../../_lib/team-param';

type Team = MonthlyReportOut['teams'][number];

const STATUS_LABELS: Record<Team['status'], string> = { under: 'under budget', 'at-risk': 'forecast over budget', over: 'over budget', 'no-budget': 'no budget' };
const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);
const signed = (usd: number, currency: string) => `${usd > 0 ? '+' : ''}${formatUsd(usd, currency)}`;

/** The month's headline (total, forecast, budget, last month) and one row per team with what moved its cost. */
export async function MonthlyReportSections({ month, cluster, idle, nowMs }: { month: string; cluster: string | undefined; idle: 'separate' | 'share'; nowMs: number }) {
  const report = await monthlyReportFor({ month, cluster, idle }, new Date(nowMs));
  const money = (usd: number | null) => (usd === null ? '—' : formatUsd(usd, report.currency));
  const t = report.totals;
  // The team and unallocated pages over the same month (their filters: first and last day, inclusive).
  const period = new URLSearchParams({ from: report.window.start.slice(0, 10), to: new Date(Date.parse(report.window.dataEnd) - 1).toISOString().slice(0, 10), ...(cluster ? { cluster } : {}) }).toString();
  if (report.teams.length === 0) return <p className="muted" data-testid="no-report">No cost recorded in {month}.</p>;
  return (
    <>
      <CloseControls month={month} complete={report.complete} close={report.close} currency={report.currency} />
      <p data-testid="report-headline">
        {month}{report.complete ? '' : ' so far'}: <strong data-testid="report-total">{money(t.totalCostUsd)}</strong>
        {report.complete ? null : <> · forecast <strong data-testid="report-forecast">{money(t.forecastUsd)}</strong> ({money(t.forecastLowUsd)}–{money(t.forecastHighUsd)})</>}
        {' '}· last month {money(t.previousMonthCostUsd)}{t.budgetUsd === null ? null : <> · budgets {money(t.budgetUsd)}</>}
        {' '}· idle {money(t.idleCostUsd)}{idle === 'share' ? ' (shared over the teams)' : ' (its own line)'}
        {t.adjustmentUsd ? <> · invoice adjustment {money(t.adjustmentUsd)}</> : null}
      </p>
      {report.exchangeRate.source === 'USD' ? null : (
        <p className="muted" data-testid="report-rate">
          Amounts in {report.currency}, converted from USD prices at 1 USD = {report.exchangeRate.rate} {report.currency} (rate for {report.exchangeRate.source === 'default' ? 'every month without its own' : report.exchangeRate.source}).
        </p>
      )}
      <p className="muted">
        Change compares {report.complete ? 'the whole month with the month before' : `the month so far with the same span of last month (${report.comparedWith.start.slice(0, 16)}Z to ${report.comparedWith.end.slice(0, 16)}Z)`}.
      </p>
      <div className="screen-only">
        <DataTable
          testId="report-teams"
          label="teams"
          rows={report.teams}
          rowKey={(r) => r.team}
          columns={[
            { header: 'Team', cell: (r) => <Link href={r.team === UNALLOCATED ? `/unallocated?${period}` : `/teams/${encodeURIComponent(r.team)}?${period}`}>{teamLabel(r.team)}</Link> },
            { header: 'Cost', cell: (r) => money(r.costUsd), numeric: true },
            { header: 'Shared', cell: (r) => money(r.sharedCostUsd), numeric: true },
            { header: 'Total', cell: (r) => <>{money(r.totalCostUsd)}<Sparkline values={r.dailyCostUsd} label={`${teamLabel(r.team)}: cost per day`} /></>, numeric: true },
            { header: 'Last month', cell: (r) => money(r.previousMonthCostUsd), numeric: true },
            { header: 'Change', cell: (r) => <>{signed(r.changeUsd, report.currency)}{r.changeRatio === null ? null : <span className="muted"> ({percent(r.changeRatio)})</span>}</>, numeric: true },
            { header: 'Forecast', cell: (r) => money(r.forecastUsd), numeric: true },
            {
              header: 'Budget',
              cell: (r) => <>{money(r.budgetUsd)}{r.budgetUsedRatio === null ? null : <span className="muted"> · {percent(r.budgetUsedRatio)} used</span>}<BudgetBar usedRatio={r.budgetUsedRatio} status={r.status} /></>,
              numeric: true,
            },
            { header: 'Status', cell: (r) => <span data-status={r.status}>{STATUS_LABELS[r.status]}</span> },
            { header: 'Per deployment', cell: (r) => (r.costPerDeploymentUsd === null ? '—' : <>{money(r.costPerDeploymentUsd)}<span className="muted"> × {r.deployments}</span></>), numeric: true },
            {
              header: 'What moved it',
              className: 'muted',
              cell: (r) => {
                const [top] = r.drivers;
                if (!top) return '—';
                return (
                  <details className="report-drivers" data-testid="drivers">
                    <summary>{top.kind} {top.name}: {signed(top.changeUsd, report.currency)}{r.drivers.length > 1 ? ` and ${r.drivers.length - 1} more` : ''}</summary>
                    <ul>{r.drivers.map((d) => <li key={`${d.kind}/${d.name}`}>{d.kind} {d.name}: {signed(d.changeUsd, report.currency)}</li>)}</ul>
                  </details>
                );
              },
            },
          ]}
        />
      </div>
      <TeamStatements report={report} money={money} statusLabel={(r) => STATUS_LABELS[r.status]} />
    </>
  );
}
