import { notFound, redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { attributionConfig } from '@/lib/allocation/defaults';
import { getDatabase } from '@/lib/db/instance';
import { getTeamSeen } from '@/lib/queries/get-team-seen';
import { parseTeamParam } from '../../_lib/team-param';

export const dynamic = 'force-dynamic';

/**
 * Decides before anything streams (so the status is a real 404): a name no team can have is
 * never sent to the database; a team is known when any stored cost carries it or tally.yaml
 * maps a namespace to it. Cost without a team lives at /unallocated.
 */
export default async function TeamLayout({ params, children }: { params: Promise<{ team: string }>; children: ReactNode }) {
  const parsed = parseTeamParam((await params).team);
  if (parsed.kind === 'invalid') notFound();
  if (parsed.kind === 'unallocated') redirect('/unallocated');
  const mapped = Object.values(attributionConfig().namespaceTeams).includes(parsed.team);
  if (!mapped && !(await getTeamSeen(await getDatabase(), parsed.team))) notFound();
  return children;
}
