import { getDatabase } from '@/lib/db/instance';
import { getFreshness } from '@/lib/queries/get-freshness';
import { errorResponse } from '@/lib/http/errors';
import { AppError } from '@/lib/util/errors';

export const dynamic = 'force-dynamic';

/** 200 with the last successful collection per cluster; 503 when the database is unreachable. */
export async function GET() {
  let clusters;
  try {
    const db = await getDatabase();
    await db.prisma.$queryRaw`SELECT 1`;
    clusters = await getFreshness(db);
  } catch (error) {
    return errorResponse(new AppError('UPSTREAM', 'database unreachable', { cause: error }));
  }
  const now = Date.now();
  return Response.json({
    status: 'ok',
    database: 'reachable',
    clusters: clusters.map((c) => ({
      name: c.cluster,
      lastCollectedAt: c.lastCollectedAt,
      lastCollectAgeSeconds: c.lastCollectedAt ? Math.round((now - Date.parse(c.lastCollectedAt)) / 1000) : null,
      collecting: !c.failing,
    })),
  });
}
