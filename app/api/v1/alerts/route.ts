import { listBudgetAlerts } from '@/lib/alerts/store';
import { getDatabase } from '@/lib/db/instance';
import { alertOut, parseAlertParams } from '@/lib/http/alerts';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

/** The recorded budget alerts, newest first, with their deliveries per webhook: JSON `{code, data}`. */
export async function GET(request: Request) {
  try {
    const p = parseAlertParams(new URL(request.url).searchParams);
    const scope = p.team !== undefined ? 'team' : p.cluster !== undefined ? 'cluster' : undefined;
    const alerts = await listBudgetAlerts(await getDatabase(), { month: p.month, scope, name: p.team ?? p.cluster });
    return Response.json({ code: 200, data: alerts.map(alertOut) });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
