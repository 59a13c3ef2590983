import { getDatabase } from '@/lib/db/instance';
import { parseDeploymentsParams, toCsv } from '@/lib/http/delivery-params';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { getDeployments } from '@/lib/queries/get-deployments';
import { currentTime } from '@/lib/util/clock';

export const dynamic = 'force-dynamic';

/** The CSV columns: every field of a rollout, images joined by a space. */
const DEPLOYMENTS_CSV_COLUMNS = [
  'cluster', 'namespace', 'controllerKind', 'controllerName', 'team', 'revision', 'kind', 'startedAt', 'finishedAt', 'status',
  'failureReason', 'commitSha', 'commitTime', 'leadTimeSeconds', 'images', 'costPerHourBeforeUsd', 'costPerHourAfterUsd',
] as const;

/** Rollouts that started or counted in a window, newest start first: JSON `{code, data}` or CSV. */
export async function GET(request: Request) {
  try {
    const params = parseDeploymentsParams(new URL(request.url).searchParams, currentTime().getTime());
    const rows = await getDeployments(await getDatabase(), {
      from: new Date(params.window.startMs), to: new Date(params.window.endMs), filter: params.filter,
    });
    if (params.format === 'csv') {
      const records = rows.map((r) => ({ ...r, images: r.images.join(' ') }));
      return new Response(toCsv(DEPLOYMENTS_CSV_COLUMNS, records), {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="deployments.csv"' },
      });
    }
    return Response.json({ code: 200, data: rows });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
