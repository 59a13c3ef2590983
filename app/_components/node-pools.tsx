import { getDatabase } from '@/lib/db/instance';
import { formatUsd } from '@/lib/format';
import type { CostFilters } from '@/lib/queries/filters';
import { getNodePools } from '@/lib/queries/get-node-pools';
import { DataTable } from './data-table';
import { currency } from './sections';

/** Node pools with where their prices came from, most expensive first. */
export async function NodePoolSection({ filters }: { filters: CostFilters }) {
  const pools = await getNodePools(await getDatabase(), filters);
  if (pools.length === 0) return <p className="muted">No nodes recorded in this window.</p>;
  const money = (usd: number) => formatUsd(usd, currency());
  const unsampled = pools.reduce((n, p) => n + p.unsampledContainerHours, 0);
  return (
    <>
      {unsampled > 0 ? (
        <p className="warning" data-testid="unsampled-nodes">
          {unsampled} container-hours ran on nodes with no sample in their hour: priced at the default rates
        </p>
      ) : null}
      <DataTable
        testId="node-pools"
        label="node pools"
        rows={pools}
        rowKey={(p) => `${p.cluster}/${p.nodePool}/${p.capacityType}/${p.priceSource}`}
        columns={[
          { header: 'Node pool', cell: (p) => <>{p.nodePool} {filters.cluster ? null : <span className="muted">· {p.cluster}</span>}</> },
          { header: 'Capacity', cell: (p) => p.capacityType },
          { header: 'Instance types', cell: (p) => p.instanceTypes.join(', ') },
          { header: 'Price source', cell: (p) => PRICE_SOURCE_LABELS[p.priceSource] ?? p.priceSource },
          { header: 'Nodes', numeric: true, cell: (p) => p.nodes },
          { header: 'Node-hours', numeric: true, cell: (p) => p.nodeHours.toFixed(0) },
          { header: 'Cost', numeric: true, cell: (p) => money(p.costUsd) },
          {
            header: 'Idle',
            numeric: true,
            cell: (p) => (
              <>
                {money(p.idleUsd)}
                {p.clampedNodeHours > 0 ? (
                  <span className="warning" title="usage above the node's capacity: idle clamped at zero in these node-hours"> ({p.clampedNodeHours} h clamped)</span>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </>
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

