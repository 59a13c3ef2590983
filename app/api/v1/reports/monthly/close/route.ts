import { closeMonth, listMonthCloses, reopenMonth } from '@/lib/close/month-close';
import { getDatabase } from '@/lib/db/instance';
import { parseCloseRequest } from '@/lib/http/close-params';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { currentTime } from '@/lib/util/clock';
import { AppError } from '@/lib/util/errors';

export const dynamic = 'force-dynamic';

/** The closed months, newest first: when, from where, the frozen total and the last recompute. */
export async function GET(request: Request) {
  try {
    return Response.json({ code: 200, data: await listMonthCloses(await getDatabase()) });
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** Closes a month (the dashboard's button) or, with action=reopen, re-opens it; a form post is sent back to the report. */
export async function POST(request: Request) {
  try {
    const body = await parseCloseRequest(request);
    const db = await getDatabase();
    let data: unknown = null;
    if (body.action === 'reopen') {
      if (!(await reopenMonth(db, body.month))) throw new AppError('CONFLICT', `${body.month} is not closed`);
    } else {
      data = await closeMonth(db, { month: body.month, by: 'dashboard', now: currentTime() });
    }
    if (body.form) return new Response(null, { status: 303, headers: { Location: `/reports/monthly?month=${body.month}` } });
    return Response.json({ code: 200, data });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
