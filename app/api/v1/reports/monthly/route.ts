import { toCsv } from '@/lib/http/delivery-params';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { MONTHLY_CSV_COLUMNS, monthlyReportFor } from '@/lib/http/monthly-report';
import { parseReportParams } from '@/lib/http/report-params';
import { currentTime } from '@/lib/util/clock';

export const dynamic = 'force-dynamic';

/** The month per team (cost, previous month, change and its drivers, budget, forecast, reconciliation): JSON `{code, data}` or CSV of the teams. */
export async function GET(request: Request) {
  try {
    const now = currentTime();
    const params = parseReportParams(new URL(request.url).searchParams, now.getTime());
    const data = await monthlyReportFor(params, now);
    if (params.format === 'csv') {
      const rows = data.teams.map((t) => ({ month: data.month, ...t, drivers: t.drivers.map((d) => `${d.kind} ${d.name} ${d.changeUsd}`).join('; ') }));
      return new Response(toCsv(MONTHLY_CSV_COLUMNS, rows), {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="tally-${data.month}.csv"` },
      });
    }
    return Response.json({ code: 200, data });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
