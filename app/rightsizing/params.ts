import type { Strategy } from '@/lib/capacity/recommend';
import { parseRecommendationParams } from '@/lib/http/recommendations';
import { parseTeamParam } from '../_lib/team-param';
import { AppError } from '@/lib/util/errors';
import { UNASSIGNED_TEAM } from '@/lib/cost/attribution';

type Search = Record<string, string | string[] | undefined>;

export interface RightsizingParams {
  window: string;
  strategy: Strategy;
  team: string | undefined;
  startMs: number;
  endMs: number;
  notices: string[];
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The page's filters from the URL (window, strategy, team), validated as the API; a bad value is dropped with a notice. */
export function parseRightsizingParams(search: Search, nowMs: number, lookbackDays: number): RightsizingParams {
  const notices: string[] = [];
  const keep = (name: 'window' | 'strategy'): string | undefined => {
    const value = first(search[name]);
    if (value === undefined || value === '') return undefined;
    try {
      parseRecommendationParams(new URLSearchParams({ [name]: value }), nowMs, lookbackDays);
      return value;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      notices.push(`ignored ${error.message}`);
      return undefined;
    }
  };
  const window = keep('window') ?? `${lookbackDays}d`;
  const strategy = (keep('strategy') ?? 'simple') as Strategy;
  const parsed = parseRecommendationParams(new URLSearchParams({ window, strategy }), nowMs, lookbackDays);
  const rawTeam = first(search.team);
  let team: string | undefined;
  if (rawTeam) {
    const t = parseTeamParam(rawTeam);
    if (t.kind === 'team') team = t.team;
    else if (t.kind === 'unallocated') team = UNASSIGNED_TEAM;
    else notices.push('ignored the team (not a team name): showing all teams');
  }
  return { window, strategy, team, startMs: parsed.window.startMs, endMs: parsed.window.endMs, notices };
}
