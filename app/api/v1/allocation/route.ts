import { getDatabase } from '@/lib/db/instance';
import { computeAllocation } from '@/lib/allocation/compute';
import { allocationDefaults } from '@/lib/allocation/defaults';
import { toOpenCostCsv, toOpenCostResponse } from '@/lib/allocation/opencost-json';
import { parseAllocationParams } from '@/lib/allocation/params';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { currentTime } from '@/lib/util/clock';

export const dynamic = 'force-dynamic';

/** OpenCost-compatible allocation: validate → compute → JSON (or CSV); errors as `{error:{code,message}}`. */
export async function GET(request: Request) {
  try {
    const params = parseAllocationParams(new URL(request.url).searchParams, currentTime().getTime(), allocationDefaults());
    const steps = await computeAllocation(await getDatabase(), params);
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
