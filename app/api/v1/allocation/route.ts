import { getDatabase } from '@/lib/db/instance';
import { computeAllocation } from '@/lib/allocation/compute';
import { allocationDefaults } from '@/lib/allocation/defaults';
import { toOpenCostCsv, toOpenCostResponse } from '@/lib/allocation/opencost-json';
import { parseAllocationParams } from '@/lib/allocation/params';
import { closedAllocation } from '@/lib/close/month-close';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { currentTime } from '@/lib/util/clock';

export const dynamic = 'force-dynamic';

/** OpenCost-compatible allocation: validate → compute → JSON (or CSV); errors as `{error:{code,message}}`. */
export async function GET(request: Request) {
  try {
    const search = new URL(request.url).searchParams;
    const params = parseAllocationParams(search, currentTime().getTime(), allocationDefaults());
    const db = await getDatabase();
    // A closed month's team, namespace and workload views are served as they were closed.
    const steps = (await closedAllocation(db, params, search)) ?? (await computeAllocation(db, params));
    if (params.format === 'csv') {
      return new Response(toOpenCostCsv(steps), {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="allocation.csv"' },
      });
    }
    return Response.json(toOpenCostResponse(steps));
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
