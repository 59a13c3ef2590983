import type { Database } from '../db/client';

/** Names of every cluster Tally has data for, for the cluster selector. */
export async function getClusters(db: Database): Promise<string[]> {
  const rows = await db.prisma.cluster.findMany({ orderBy: { name: 'asc' }, select: { name: true } });
  return rows.map((r) => r.name);
}
