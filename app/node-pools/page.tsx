import { Suspense } from 'react';
import { getDatabase } from '@/lib/db/instance';
import { getClusters } from '@/lib/queries/get-clusters';
import { currentTime } from '@/lib/util/clock';
import { TableSkeleton } from '../_components/skeletons';
import { parseNodePoolPageParams } from './params';
import { NodePoolSections } from './sections';

export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;

const PROFILES = [
  ['development', 'Development (80% target, ≥ 1 node)'],
  ['production', 'Production (65%, ≥ 2 nodes)'],
  ['ha', 'High availability (50%, ≥ 3 nodes)'],
] as const;

/**
 * Node pools (issue 10 §5): each pool today against its plan with the monthly delta and what
 * blocks a smaller plan, the cluster's saving counted once and split per team, and each pool's
 * utilisation over the last 14 days; the same figures as `GET /api/v1/capacity/node-pools`.
 */
export default async function NodePoolsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const p = parseNodePoolPageParams(await searchParams);
  const clusters = await getClusters(await getDatabase());
  const notices = [...p.notices];
  let cluster = p.cluster;
  if (cluster !== undefined && !clusters.includes(cluster)) {
    notices.push(`no cluster named ${JSON.stringify(cluster.slice(0, 60))}: showing all clusters`);
    cluster = undefined;
  }
  return (
    <>
      <div className="page-head">
        <h1>Node pools</h1>
        <form className="filters" method="get" action="/node-pools">
          <label>
            Cluster{' '}
            <select name="cluster" defaultValue={cluster ?? ''}>
              <option value="">all clusters</option>
              {clusters.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <label>
            Profile{' '}
            <select name="profile" defaultValue={p.profile}>
              {PROFILES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </label>
          <label>
            Requests{' '}
            <select name="requests" defaultValue={p.requests}>
              <option value="recommended">recommended (right-sized)</option>
              <option value="current">as today</option>
            </select>
          </label>
          <button type="submit">Apply</button>
        </form>
      </div>
      {notices.length ? <p className="banner warning">{notices.join('; ')}</p> : null}
      <p className="muted">
        Each pool&apos;s pods bin-packed onto candidate instance types (first-fit decreasing), honouring selectors, affinity, taints,
        GPUs, max pods, DaemonSets and hostname anti-affinity. Node savings are counted apart from container savings: do not add them up.
      </p>
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <NodePoolSections cluster={cluster} profile={p.profile} requests={p.requests} nowMs={currentTime().getTime()} />
      </Suspense>
    </>
  );
}
