import { z } from 'zod';
import { UNALLOCATED } from '@/lib/cost/allocation-set';
import { UNASSIGNED_TEAM } from '@/lib/cost/attribution';

/** What the dashboard calls cost without a team (the API's `__unallocated__`, stored as `unassigned`). */
export const UNALLOCATED_LABEL = 'unallocated';

/** A team's name as the dashboard shows it. */
export const teamLabel = (team: string) => (team === UNALLOCATED || team === UNASSIGNED_TEAM ? UNALLOCATED_LABEL : team);

// Text Postgres stores and a person could have typed: no control characters (NUL is refused
// by Postgres), no lone surrogates (not UTF-8), at most a DNS subdomain's length.
const teamName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[^\p{Cc}\p{Cs}]+$/u);

export type TeamParam = { kind: 'team'; team: string } | { kind: 'unallocated' } | { kind: 'invalid' };

/**
 * The `[team]` segment of /teams/[team], validated before any query: `unallocated`,
 * `unassigned` and `__unallocated__` all mean cost without a team (served at /unallocated);
 * anything Postgres would refuse or no team could be named is `invalid` (a 404).
 */
export function parseTeamParam(segment: string): TeamParam {
  let text = segment;
  // Next hands the segment over still percent-encoded in some versions: decode once, strictly.
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return { kind: 'invalid' };
    }
  }
  const parsed = teamName.safeParse(text);
  if (!parsed.success) return { kind: 'invalid' };
  if ([UNALLOCATED_LABEL, UNASSIGNED_TEAM, UNALLOCATED].includes(parsed.data)) return { kind: 'unallocated' };
  return { kind: 'team', team: parsed.data };
}
