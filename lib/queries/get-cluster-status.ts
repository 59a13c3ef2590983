import type { Database } from '../db/client';

export interface ClusterStatus {
  cluster: string;
  lastCollectedAt: string | null;
  nodes: number;
  pods: number;
  containers: number;
  cpuRequestMillicores: number;
  memoryRequestBytes: number;
  cpuUsageMillicores: number;
  memoryUsageBytes: number;
  metricsAvailable: boolean;
  warnings: number;
}

/** Each cluster with the figures of its latest stored scrape. */
export async function getClusterStatus(db: Database): Promise<ClusterStatus[]> {
  const clusters = await db.prisma.cluster.findMany({
    orderBy: { name: 'asc' },
    include: { scrapes: { orderBy: { sampledAt: 'desc' }, take: 1 } },
  });
  return clusters.map((cluster) => {
    const scrape = cluster.scrapes[0];
    return {
      cluster: cluster.name,
      lastCollectedAt: cluster.lastCollectedAt?.toISOString() ?? null,
      nodes: scrape?.nodes ?? 0,
      pods: scrape?.pods ?? 0,
      containers: scrape?.containers ?? 0,
      cpuRequestMillicores: Number(scrape?.cpuRequestMillicores ?? 0),
      memoryRequestBytes: Number(scrape?.memoryRequestBytes ?? 0),
      cpuUsageMillicores: Number(scrape?.cpuUsageMillicores ?? 0),
      memoryUsageBytes: Number(scrape?.memoryUsageBytes ?? 0),
      metricsAvailable: scrape?.metricsAvailable ?? false,
      warnings: Array.isArray(scrape?.warnings) ? scrape.warnings.length : 0,
    };
  });
}
