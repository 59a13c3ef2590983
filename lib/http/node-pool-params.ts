import { z } from 'zod';
import type { ProfileName } from '../capacity/pool-plan';
import { AppError } from '../util/errors';

const NodePoolParams = z.object({
  cluster: z.string().min(1, 'must name a cluster').optional(),
  profile: z.enum(['development', 'production', 'ha'], { error: 'must be development, production or ha' }).optional(),
  requests: z.enum(['current', 'recommended'], { error: 'must be current or recommended' }).optional(),
  window: z.enum(['1d', '7d', '14d'], { error: 'must be 1d, 7d or 14d (usage averages)' }).optional(),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
});

export interface NodePoolParams {
  cluster: string | undefined;
  profile: ProfileName;
  requests: 'current' | 'recommended';
  windowDays: number;
  format: 'json' | 'csv';
}

/** `GET /api/v1/capacity/node-pools` query: cluster, profile (production), requests (current), window (7d), format (json). */
export function parseNodePoolParams(search: URLSearchParams): NodePoolParams {
  const raw = Object.fromEntries(Object.keys(NodePoolParams.shape).flatMap((k) => (search.has(k) ? [[k, search.get(k)!]] : [])));
  const parsed = NodePoolParams.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('INVALID', `${String(issue.path[0] ?? 'query')}: ${issue.message}`);
  }
  const p = parsed.data;
  return { cluster: p.cluster, profile: p.profile ?? 'production', requests: p.requests ?? 'current', windowDays: Number((p.window ?? '7d').slice(0, -1)), format: p.format ?? 'json' };
}
