import { getDatabase } from '@/lib/db/instance';
import { getFreshness, type ClusterFreshness } from '@/lib/queries/get-freshness';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { currentTime } from '@/lib/util/clock';
import { AppError } from '@/lib/util/errors';

export const dynamic = 'force-dynamic';

// A probe must answer: a server that accepts the connection but never replies is unreachable too.
const TIMEOUT_MS = 5_000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * 200 with the last successful collection per cluster; 503 `UPSTREAM` when `SELECT 1` fails.
 * The cause (which may name the database URL) stays out of the response.
 */
export async function GET(request: Request) {
  let clusters: ClusterFreshness[];
  try {
    clusters = await withTimeout(
      (async () => {
        const db = await getDatabase();
        await db.prisma.$queryRaw`SELECT 1`;
        return getFreshness(db);
      })(),
    );
  } catch (error) {
    return errorResponse(new AppError('UPSTREAM', 'database unreachable', { cause: error }), request);
  }
  const now = currentTime().getTime();
  return Response.json({
    status: 'ok',
    database: 'reachable',
    clusters: clusters.map((c) => ({
      name: c.cluster,
      lastCollectedAt: c.lastCollectedAt,
      lastCollectAgeSeconds: c.lastCollectedAt ? Math.max(0, Math.round((now - Date.parse(c.lastCollectedAt)) / 1000)) : null,
      collecting: !c.failing,
    })),
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
