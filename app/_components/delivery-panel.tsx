import Link from 'next/link';
import { allocationDefaults } from '@/lib/allocation/defaults';
import { getDatabase } from '@/lib/db/instance';
import { formatUsd } from '@/lib/format';
import type { CostFilters } from '@/lib/queries/filters';
import { getDelivery } from '@/lib/queries/get-delivery';
import { deliverySettings } from '@/lib/settings/delivery';
import { formatDuration, formatRatio } from '../_lib/delivery-format';
import { frequencyText } from './delivery-table';
import { withParam } from './idle-toggle';
import { currency } from './sections';
import { Tier } from './tier';

/**
 * One team's delivery beside its cost: the four keys and rework with their DORA tiers, its
 * deployments and cost per deployment (the team's row of getDelivery by team, as on the Delivery
 * page: unfiltered, so its cost carries its shared part), and the way to the Delivery page filtered to it.
 */
export async function DeliveryPanel({ team, filters, query }: { team: string; filters: CostFilters; query: string }) {
  const rows = await getDelivery(await getDatabase(), {
    from: filters.from, to: filters.to, cluster: filters.cluster, aggregate: 'team',
    doraYear: deliverySettings().doraYear, costDefaults: allocationDefaults(new Date()),
  });
  const r = rows.find((row) => row.name === team);
  const link = (
    <Link href={`/delivery?${withParam(withParam(query, 'idle', null), 'team', team)}#trends`} data-testid="delivery-link">
      Delivery of team {team} →
    </Link>
  );
  if (!r) return <p className="muted" data-testid="delivery-panel">No rollouts recorded for team {team} in this window. {link}</p>;
  return (
    <section data-testid="delivery-panel">
      <div className="cards">
        <div className="card">
          <div className="card-label">Deployments</div>
          <div className="card-value" data-testid="delivery-deployments">{r.deployments}</div>
          <div className="muted"><span data-testid="delivery-frequency">{frequencyText(r)}</span><Tier tier={r.tiers.deploymentFrequency} testId="delivery-frequency-tier" /></div>
        </div>
        <div className="card">
          <div className="card-label">Lead time, median</div>
          <div className="card-value" data-testid="delivery-lead-time">{formatDuration(r.leadTimeSecondsMedian)}</div>
          <div className="muted">
            p90 <span data-testid="delivery-lead-time-p90">{formatDuration(r.leadTimeSecondsP90)}</span>, {r.leadTimeSamples} with a commit time
            <Tier tier={r.tiers.leadTime} testId="delivery-lead-time-tier" />
          </div>
        </div>
        <div className="card">
          <div className="card-label">Change failure rate</div>
          <div className="card-value" data-testid="delivery-change-failure-rate">{formatRatio(r.changeFailureRate)}</div>
          <div className="muted">{r.failedDeployments} failed<Tier tier={r.tiers.changeFailureRate} testId="delivery-change-failure-rate-tier" /></div>
        </div>
        <div className="card">
          <div className="card-label">Recovery time, median</div>
          <div className="card-value" data-testid="delivery-recovery">{formatDuration(r.recoverySecondsMedian)}</div>
          <div className="muted">from a failed deployment to the next good one<Tier tier={r.tiers.recoveryTime} testId="delivery-recovery-tier" /></div>
        </div>
        <div className="card">
          <div className="card-label">Rework rate</div>
          <div className="card-value" data-testid="delivery-rework">{formatRatio(r.reworkRate)}</div>
          <div className="muted">deployments within a day after a failed one</div>
        </div>
        <div className="card">
          <div className="card-label">Cost per deployment</div>
          <div className="card-value" data-testid="delivery-cost-per-deployment">{r.costPerDeploymentUsd === null ? '—' : formatUsd(r.costPerDeploymentUsd, currency())}</div>
          <div className="muted">the team&apos;s cost (with its shared part, without idle) ÷ deployments</div>
        </div>
      </div>
      <p className="muted">
        {r.configChanges} config changes, {r.restarts} restarts, {r.rollbacks} rollbacks (not deployments). {link}
      </p>
    </section>
  );
}
