import type { MonthlyReportOut } from '@/lib/http/monthly-report';
import { teamLabel } from '../../_lib/team-param';

type Team = MonthlyReportOut['teams'][number];

/** What the print stylesheet prints: one statement per team, each its own page, with the figures of the table and what moved them. */
export function TeamStatements({ report, money, statusLabel }: { report: MonthlyReportOut; money: (usd: number | null) => string; statusLabel: (t: Team) => string }) {
  return (
    <div className="print-only" data-testid="team-statements">
      {report.teams.map((t) => (
        <section key={t.team} className="team-statement" data-team={t.team}>
          <h2>{teamLabel(t.team)}: {report.month} statement</h2>
          <p className="muted">
            Tally chargeback, {report.window.start.slice(0, 10)} to {new Date(Date.parse(report.window.dataEnd) - 1).toISOString().slice(0, 10)}
            {report.complete ? '' : ' (month so far)'}{report.closed ? ', closed' : ''}; amounts in {report.currency}.
          </p>
          <table>
            <tbody>
              <tr><th>Own cost</th><td className="num">{money(t.costUsd)}</td></tr>
              <tr><th>Shared costs</th><td className="num">{money(t.sharedCostUsd)}</td></tr>
              {t.adjustmentUsd ? <tr><th>Invoice adjustment (included)</th><td className="num">{money(t.adjustmentUsd)}</td></tr> : null}
              <tr><th>Total charged</th><td className="num"><strong>{money(t.totalCostUsd)}</strong></td></tr>
              <tr><th>Last month</th><td className="num">{money(t.previousMonthCostUsd)}</td></tr>
              {report.complete ? null : <tr><th>Forecast for the month</th><td className="num">{money(t.forecastUsd)}</td></tr>}
              <tr><th>Budget</th><td className="num">{money(t.budgetUsd)} ({statusLabel(t)})</td></tr>
            </tbody>
          </table>
          {t.drivers.length ? (
            <>
              <h3>What moved it</h3>
              <ul>{t.drivers.map((d) => <li key={`${d.kind}/${d.name}`}>{d.kind} {d.name}: {d.changeUsd > 0 ? '+' : ''}{money(d.changeUsd)}</li>)}</ul>
            </>
          ) : null}
        </section>
      ))}
    </div>
  );
}
