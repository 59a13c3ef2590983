import Link from 'next/link';
import { cpuQuantity, memoryQuantity } from '@/lib/capacity/patches';
import type { RecommendationRow } from '@/lib/capacity/recommend';
import { getDatabase } from '@/lib/db/instance';
import { formatUsd } from '@/lib/format';
import { recommendationGroupOut, recommendationOut, type RecommendationOut } from '@/lib/http/recommendations';
import { getContainerRecommendations } from '@/lib/queries/get-container-recommendations';
import type { Strategy } from '@/lib/capacity/recommend';
import { UsagePercentileChart } from '../_components/charts/usage-percentile-chart';
import { DataTable } from '../_components/data-table';
import { teamLabel } from '../_lib/team-param';

const cpu = (m: number | null) => (m === null ? 'unset' : cpuQuantity(m));
const mem = (b: number | null) => (b === null ? 'unset' : memoryQuantity(b));
const change = (a: string, b: string) => (a === b ? a : `${a} → ${b}`);
const rowKey = (r: RecommendationOut) => [r.cluster, r.namespace, r.controllerKind, r.controllerName, r.container].join('/');

/** Savings per team (largest first), then every workload container with current vs recommended, its CPU usage chart, risk and reason. */
export async function RightsizingSections({ startMs, endMs, strategy, team }: { startMs: number; endMs: number; strategy: Strategy; team: string | undefined }) {
  const filter = team === undefined ? [] : [{ field: 'team' as const, negated: false, values: [team] }];
  const { rows, groups } = await getContainerRecommendations(await getDatabase(), { startMs, endMs, strategy, filter, aggregate: 'team' });
  if (rows.length === 0) return <p className="muted" data-testid="no-recommendations">No container usage stored in this window.</p>;
  const teams = (groups ?? []).map(recommendationGroupOut);
  const out = rows.map(recommendationOut);
  const total = rows.reduce((sum: number, r: RecommendationRow) => sum + r.monthlySavingUsd, 0);
  return (
    <>
      <p data-testid="rightsizing-total">
        Right-sizing every container: <strong>{formatUsd(total)}</strong> a month{total < 0 ? ' (the recommendations cost more than today)' : ''}.
        Container savings are counted apart from node-pool savings; do not add them up.
      </p>
      <h2>Monthly saving per team</h2>
      <DataTable
        testId="rightsizing-teams"
        rows={teams}
        rowKey={(g) => g.key}
        columns={[
          { header: 'Team', cell: (g) => <Link href={`/teams/${encodeURIComponent(g.team ?? '')}`}>{teamLabel(g.team ?? '')}</Link> },
          { header: 'Containers', cell: (g) => g.containers, numeric: true },
          { header: 'Saving / month', cell: (g) => formatUsd(g.monthlySavingUsd), numeric: true },
        ]}
      />
      <h2>Per workload container</h2>
      <DataTable
        testId="rightsizing-workloads"
        rows={out}
        rowKey={rowKey}
        columns={[
          { header: 'Workload', cell: (r) => <>{r.namespace}/{r.controllerKind}/{r.controllerName}<br /><span className="muted">{r.container} · {teamLabel(r.team)} · {r.cluster}</span></> },
          { header: 'CPU request', cell: (r) => change(cpu(r.current.cpuRequestMillicores), cpu(r.recommended.cpuRequestMillicores)) },
          { header: 'CPU limit', cell: (r) => change(cpu(r.current.cpuLimitMillicores), cpu(r.recommended.cpuLimitMillicores)) },
          { header: 'Memory request', cell: (r) => change(mem(r.current.memoryRequestBytes), mem(r.recommended.memoryRequestBytes)) },
          { header: 'Memory limit', cell: (r) => change(mem(r.current.memoryLimitBytes), mem(r.recommended.memoryLimitBytes)) },
          {
            header: 'CPU usage',
            cell: (r) => (
              <UsagePercentileChart p95Millicores={r.usage.cpuP95Millicores} maxMillicores={r.usage.cpuMaxMillicores}
                currentRequestMillicores={r.current.cpuRequestMillicores} recommendedRequestMillicores={r.recommended.cpuRequestMillicores} />
            ),
          },
          { header: 'Risk', cell: (r) => <span data-risk={r.risk.level}>{r.risk.level}{r.risk.reasons.length ? <><br /><span className="muted">{r.risk.reasons.join('; ')}</span></> : null}</span> },
          { header: 'Reason', cell: (r) => r.reason ?? '', className: 'muted' },
          { header: 'Saving / month', cell: (r) => formatUsd(r.monthlySavingUsd), numeric: true },
        ]}
      />
    </>
  );
}

/** A team's own monthly saving from right-sizing its containers over the default lookback (the team page). */
export async function TeamRightsizingSaving({ team, startMs, endMs }: { team: string; startMs: number; endMs: number }) {
  const { rows } = await getContainerRecommendations(await getDatabase(), {
    startMs, endMs, strategy: 'simple', filter: [{ field: 'team', negated: false, values: [team] }],
  });
  const saving = rows.reduce((sum, r) => sum + r.monthlySavingUsd, 0);
  return (
    <p data-testid="team-rightsizing">
      Right-sizing its {rows.length} container{rows.length === 1 ? '' : 's'}: <strong>{formatUsd(saving)}</strong> a month{' '}
      (<Link href={`/rightsizing?team=${encodeURIComponent(team)}`}>details</Link>).
    </p>
  );
}
