import type { Database } from '../db/client';

export interface ClusterFreshness {
  cluster: string;
  /** The last successful collection (cluster.last_collected_at), ISO; null before the first. */
  lastCollectedAt: string | null;
  /** Status of the latest finished `collect` run ('succeeded' | 'failed'), null before any. */
  lastCollectStatus: string | null;
  /** The latest collect run failed: collection is failing now. */
  failing: boolean;
  /** That run's error when failing, else null. */
  lastError: string | null;
}

/** Per cluster, by name: the last successful collection and whether the latest collect run failed. */
export async function getFreshness(db: Database): Promise<ClusterFreshness[]> {
  const clusters = await db.prisma.cluster.findMany({
    orderBy: { name: 'asc' },
    select: {
      name: true,
      lastCollectedAt: true,
      // A run still going (or killed mid-way) has no outcome yet; skipped runs say nothing.
      jobRuns: {
        where: { job: 'collect', finishedAt: { not: null }, status: { not: 'skipped' } },
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        take: 1,
        select: { status: true, error: true },
      },
    },
  });
  return clusters.map((c) => {
    const run = c.jobRuns[0];
    const failing = run?.status === 'failed';
    return {
      cluster: c.name,
      lastCollectedAt: c.lastCollectedAt?.toISOString() ?? null,
      lastCollectStatus: run?.status ?? null,
      failing,
      lastError: failing ? (run?.error ?? null) : null,
    };
  });
}
