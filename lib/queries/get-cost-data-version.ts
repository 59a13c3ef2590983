import type { Database } from '../db/client';

/**
 * The cost data version: a counter the database bumps, in the writing transaction, on every
 * statement that writes the rollups the allocation engine reads (migration
 * 20261203230000_delivery_read_speed). Equal versions: equal costs for any past window.
 */
export async function getCostDataVersion(db: Database): Promise<string> {
  const rows = await db.session((s) => s.query<{ version: string }>(`SELECT version::text AS version FROM cost_data_version WHERE id = 1`));
  return rows[0]?.version ?? '0';
}
