import { getDatabase } from '@/lib/db/instance';
import { formatUsd } from '@/lib/format';
import type { CostFilters } from '@/lib/queries/filters';
import { getNodePools } from '@/lib/queries/get-node-pools';
import { currency } from './sections';

/** Node pools with where their prices came from, most expensive first. */
export async function NodePoolSection({ filters }: { filters: CostFilters }) {
  const pools = await getNodePools(await getDatabase(), filters);
  if (pools.length === 0) return <p className="muted">No nodes recorded in this window.</p>;
  const unsampled = pools.reduce((n, p) => n + p.unsampledContainerHours, 0);
  return (
    <table data-testid="node-pools">
      {unsampled > 0 ? <caption className="warning">{unsampled} container-hours ran on nodes with no sample in their hour: priced at the default rates</caption> : null}
      <thead>
        <tr>
          <th>Node pool</th>
          <th>Capacity</th>
          <th>Instance types</th>
          <th>Price source</th>
          <th className="num">Nodes</th>
          <th className="num">Node-hours</th>
          <th className="num">Cost</th>
          <th className="num">Idle</th>
        </tr>
      </thead>
      <tbody>
        {pools.map((p) => (
          <tr key={`${p.cluster}/${p.nodePool}/${p.capacityType}/${p.priceSource}`}>
            <td>
              {p.nodePool} {filters.cluster ? null : <span className="muted">· {p.cluster}</span>}
            </td>
            <td>{p.capacityType}</td>
            <td>{p.instanceTypes.join(', ')}</td>
            <td>{PRICE_SOURCE_LABELS[p.priceSource] ?? p.priceSource}</td>
            <td className="num">{p.nodes}</td>
            <td className="num">{p.nodeHours.toFixed(0)}</td>
            <td className="num">{formatUsd(p.costUsd, currency())}</td>
            <td className="num">
              {formatUsd(p.idleUsd, currency())}
              {p.clampedNodeHours > 0 ? (
                <span className="warning" title="usage above the node's capacity: idle clamped at zero in these node-hours"> ({p.clampedNodeHours} h clamped)</span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const PRICE_SOURCE_LABELS: Record<string, string> = {
  catalog: 'list price (bundled catalog)',
  'catalog-spot-discount': 'list price − spot discount',
  'price-sheet': 'your price sheet',
  'price-sheet-spot-discount': 'your price sheet − spot discount',
  'rate-card': 'your rate card',
  'default-rates': 'default rates (OpenCost)',
};

