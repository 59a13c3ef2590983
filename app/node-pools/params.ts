import type { ProfileName } from '@/lib/capacity/pool-plan';
import { parseNodePoolParams } from '@/lib/http/node-pool-params';
import { AppError } from '@/lib/util/errors';

type Search = Record<string, string | string[] | undefined>;

export interface NodePoolPageParams {
  cluster: string | undefined;
  profile: ProfileName;
  requests: 'current' | 'recommended';
  notices: string[];
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The page's filters from the URL (cluster, profile, requests), validated as the API; a bad value
 * is dropped with a notice. Defaults: production, recommended requests (the headline's plan).
 * `high-availability` is read as `ha`.
 */
export function parseNodePoolPageParams(search: Search): NodePoolPageParams {
  const notices: string[] = [];
  const kept = new URLSearchParams({ requests: 'recommended' });
  for (const name of ['cluster', 'profile', 'requests'] as const) {
    let value = first(search[name]);
    if (value === undefined || value === '') continue;
    if (name === 'profile' && value === 'high-availability') value = 'ha';
    try {
      parseNodePoolParams(new URLSearchParams({ [name]: value }));
      kept.set(name, value);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      notices.push(`ignored ${error.message}`);
    }
  }
  const p = parseNodePoolParams(kept);
  return { cluster: p.cluster, profile: p.profile, requests: p.requests, notices };
}
