import { z } from 'zod';
import { AppError } from '../util/errors';

const CloseBody = z.object({
  month: z.string({ error: 'is required (YYYY-MM)' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM (e.g. 2026-11)'),
  action: z.enum(['close', 'reopen'], { error: 'must be close or reopen' }).default('close'),
});

export interface CloseRequest {
  month: string;
  action: 'close' | 'reopen';
  /** A browser form post (answered with a redirect back to the report), else JSON. */
  form: boolean;
}

/** `POST /api/v1/reports/monthly/close`: `{month, action}` as JSON or a form; re-opening names action=reopen. */
export async function parseCloseRequest(request: Request): Promise<CloseRequest> {
  const type = request.headers.get('content-type') ?? '';
  const form = type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
  let raw: unknown;
  try {
    raw = form ? Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)])) : await request.json();
  } catch {
    throw new AppError('INVALID', 'body: must be JSON {"month":"YYYY-MM","action":"close|reopen"} or a form');
  }
  const parsed = CloseBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('INVALID', `${String(issue.path[0] ?? 'body')}: ${issue.message}`);
  }
  return { ...parsed.data, form };
}
