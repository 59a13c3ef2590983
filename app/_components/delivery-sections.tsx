import Link from 'next/link';
import { allocationDefaults } from '@/lib/allocation/defaults';
import type { FilterClause } from '@/lib/allocation/filter';
import { getDatabase } from '@/lib/db/instance';
import type { CostFilters } from '@/lib/queries/filters';
import { getDelivery } from '@/lib/queries/get-delivery';
import { getDeliveryWeekly } from '@/lib/queries/get-delivery-weekly';
import { getLeadTimeDistribution } from '@/lib/queries/get-lead-time-distribution';
import { deliverySettings } from '@/lib/settings/delivery';
import { teamLabel } from '../_lib/team-param';
import { DeliveryWeeklyCharts } from './charts/delivery-weekly-charts';
import { LeadTimeChart } from './charts/lead-time-chart';
import { DeliveryTable } from './delivery-table';
import { withParam } from './idle-toggle';

/** The delivery filter of one team (none: every team). */
export const teamFilter = (team: string | undefined): FilterClause[] =>
  team === undefined ? [] : [{ field: 'team', negated: false, values: [team] }];

/** DORA's own caution, shown wherever teams sit side by side. */
export function DoraCaution() {
  return (
    <aside className="banner caution" data-testid="dora-caution">
      <strong>Compare a team with itself, not with other teams.</strong> DORA&apos;s guide{' '}
      <a href="https://dora.dev/guides/dora-metrics-four-keys/" rel="noreferrer" target="_blank">
        &ldquo;DORA&apos;s software delivery metrics: the four keys&rdquo;
      </a>{' '}
      (dora.dev) says the metrics are &ldquo;best suited for measuring one application or service at a time&rdquo;: they are
      for each team to see where it stands, choose what to improve and check its progress over time. Every service has its own
      context, so ranking teams against each other, or turning the metrics into a contest or a target, defeats their purpose.
      The tiers below are DORA&apos;s survey bands, a reference point, not a league table.
    </aside>
  );
}

/** The per-team table (getDelivery, aggregate team) and the links choosing whose trends are charted below. */
export async function DeliveryTeamsSection({ filters, query, team }: { filters: CostFilters; query: string; team: string | undefined }) {
  const now = new Date();
  const rows = await getDelivery(await getDatabase(), {
    from: filters.from, to: filters.to, cluster: filters.cluster, aggregate: 'team', doraYear: deliverySettings().doraYear,
    costDefaults: allocationDefaults(now),
  });
  const href = (value: string | null) => `?${withParam(query, 'team', value)}#trends`;
  return (
    <>
      <DeliveryTable rows={rows} query={withParam(query, 'team', null)} />
      <p className="muted">
        DORA tiers of the {deliverySettings().doraYear} report; DORA publishes no tiers for rework rate. Only image changes count
        as deployments; cost per deployment is the team&apos;s total cost (with its shared part, without idle) ÷ its deployments.
      </p>
      <nav className="toggle" aria-label="team charted" data-testid="delivery-team-picker">
        Trends for:{' '}
        <Link href={href(null)} aria-current={team === undefined ? 'true' : undefined}>all teams</Link>
        {rows.filter((r) => r.deployments > 0 || r.name === team).map((r) => (
          <Link key={r.name} href={href(r.name)} aria-current={team === r.name ? 'true' : undefined}>{teamLabel(r.name)}</Link>
        ))}
      </nav>
    </>
  );
}

/** Deployments, change failure rate and lead time per UTC week, of one team or all of them. */
export async function DeliveryTrendSection({ filters, team }: { filters: CostFilters; team: string | undefined }) {
  const weeks = await getDeliveryWeekly(await getDatabase(), { ...filters, filter: teamFilter(team) });
  return (
    <DeliveryWeeklyCharts
      weeks={weeks.map((w) => ({
        week: w.weekStart, deployments: w.deployments, failedDeployments: w.failedDeployments,
        changeFailureRate: w.changeFailureRate, leadTimeSecondsMedian: w.leadTimeSecondsMedian,
      }))}
    />
  );
}

/** How long succeeded deployments took from commit to running, bucketed, of one team or all of them. */
export async function LeadTimeSection({ filters, team }: { filters: CostFilters; team: string | undefined }) {
  const bars = await getLeadTimeDistribution(await getDatabase(), { ...filters, filter: teamFilter(team) });
  const total = bars.reduce((sum, b) => sum + b.deployments, 0);
  if (total === 0) return <p className="muted" data-testid="lead-time-empty">No succeeded deployment with a commit time in this window.</p>;
  return (
    <>
      <LeadTimeChart bars={bars.map((b) => ({ label: b.label, deployments: b.deployments }))} />
      <p className="muted">{total} succeeded deployment{total === 1 ? '' : 's'} with a commit (or image build) time.</p>
    </>
  );
}
