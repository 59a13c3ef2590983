import type { Database } from '../db/client';

export interface ClusterFreshness {
  cluster: string;
  lastCollectedAt: string | null;
  /** The latest collect run failed: collection is failing now. */
  failing: boolean;
  lastError: string | null;
}

/** Per cluster: the last successful collection and whether the latest collect run failed. */
export async function getFreshness(db: Database): Promise<ClusterFreshness[]> {
  const clusters = await db.prisma.cluster.findMany({
    orderBy: { name: 'asc' },
    select: { name: true, lastCollectedAt: true, jobRuns: { where: { job: 'collect', finishedAt: { not: null } }, orderBy: { startedAt: 'desc' }, take: 1 } },
  });
  return clusters.map((c) => {
    const run = c.jobRuns[0];
    return { cluster: c.name, lastCollectedAt: c.lastCollectedAt?.toISOString() ?? null, failing: run?.status === 'failed', lastError: run?.status === 'failed' ? run.error : null };
  });
}
