import type { Database } from '../db/client';

/** True when any stored day of cost carries `team` (as stored: `unassigned` for no team), in any window. */
export async function getTeamSeen(db: Database, team: string): Promise<boolean> {
  const rows = await db.prisma.$queryRaw<{ seen: boolean }[]>`SELECT EXISTS (SELECT 1 FROM "workload_day" WHERE team = ${team}) AS seen`;
  return rows[0]?.seen === true;
}
