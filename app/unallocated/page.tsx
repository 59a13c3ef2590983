import Link from 'next/link';
import { attributionConfig } from '@/lib/allocation/defaults';
import { getDatabase } from '@/lib/db/instance';
import { formatUsd } from '@/lib/format';
import { getUnallocated } from '@/lib/queries/get-unallocated';
import { currency } from '../_components/sections';
import { parseOverviewParams, queryString } from '../_lib/overview-params';

export const dynamic = 'force-dynamic';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** What carries no team, largest first, with what to change at the source. */
export default async function UnallocatedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  const filters = parseOverviewParams(search, new Date());
  const query = queryString(search, ['cluster', 'from', 'to', 'idle']);
  const { workloads, totalUsd } = await getUnallocated(await getDatabase(), { cluster: filters.cluster, from: filters.from, to: filters.to });
  const keys = attributionConfig().labelKeys;
  return (
    <>
      <p><Link href={`/?${query}`}>← Overview</Link></p>
      <h1>Unallocated cost</h1>
      <p className="muted">
        {day(filters.from)} to {day(new Date(filters.to.getTime() - 86_400_000))} (UTC): {formatUsd(totalUsd, currency())} carries no team.
        Label the pods or their namespace with {keys.map((k) => `"${k}"`).join(' or ')}, or map the namespace in tally.yaml
        (<code>teams.namespaces</code>).
      </p>
      {workloads.length === 0 ? (
        <p className="muted">Every cost in this window carries a team.</p>
      ) : (
        <table data-testid="unallocated">
          <thead>
            <tr>
              <th>Workload</th>
              <th>Namespace</th>
              <th>Namespace labels</th>
              <th className="num">Cost</th>
            </tr>
          </thead>
          <tbody>
            {workloads.map((w) => (
              <tr key={`${w.cluster}/${w.namespace}/${w.controllerKind}/${w.controllerName}`}>
                <td>{w.controllerName} <span className="muted">{w.controllerKind}</span></td>
                <td>{w.namespace} <span className="muted">· {w.cluster}</span></td>
                <td className="muted">{Object.entries(w.namespaceLabels).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}</td>
                <td className="num">{formatUsd(w.costUsd, currency())}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
