import { getDatabase } from '@/lib/db/instance';
import { getClusterStatus } from '@/lib/queries/get-cluster-status';
import { formatAge, formatBytes, formatMillicores } from '@/lib/format';

export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  const clusters = await getClusterStatus(await getDatabase());
  const now = new Date();
  return (
    <>
      <h1>Clusters</h1>
      {clusters.length === 0 ? (
        <p className="muted">Nothing collected yet. Run <code>npx tally collect --once</code> or <code>npm start</code>.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Cluster</th>
              <th>Last collected</th>
              <th className="num">Nodes</th>
              <th className="num">Pods</th>
              <th className="num">CPU requested / used</th>
              <th className="num">Memory requested / used</th>
            </tr>
          </thead>
          <tbody>
            {clusters.map((c) => (
              <tr key={c.cluster}>
                <td>{c.cluster}</td>
                <td>{c.lastCollectedAt ? formatAge(c.lastCollectedAt, now) : 'never'}</td>
                <td className="num">{c.nodes}</td>
                <td className="num">{c.pods}</td>
                <td className="num">
                  {formatMillicores(c.cpuRequestMillicores)} / {c.metricsAvailable ? formatMillicores(c.cpuUsageMillicores) : 'n/a'}
                </td>
                <td className="num">
                  {formatBytes(c.memoryRequestBytes)} / {c.metricsAvailable ? formatBytes(c.memoryUsageBytes) : 'n/a'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
