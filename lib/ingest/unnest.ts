import { Prisma } from '../db/generated/client';

type SqlExecutor = Pick<Prisma.TransactionClient, '$executeRaw'>;

export type ColumnType = 'text' | 'int4' | 'int8' | 'bool' | 'jsonb' | 'timestamptz';

export interface Column<Row> {
  name: string;
  type: ColumnType;
  value: (row: Row) => string | number | boolean | null;
}

export interface BulkWrite<Row> {
  table: string;
  /** Values shared by every row (cluster id, scrape time), as SQL expressions. */
  fixed: { name: string; value: Prisma.Sql }[];
  columns: Column<Row>[];
  /** `ON CONFLICT …` clause, or '' for none. Written by Tally, never from input. */
  onConflict: string;
}

const BATCH_ROWS = 10_000;

/**
 * Writes rows with one `INSERT … SELECT FROM unnest($1::type[], …)` per 10,000 rows: one
 * parameter per column instead of one per value, which Postgres plans once and ingests an
 * order of magnitude faster than multi-row VALUES or Prisma's createMany.
 */
export async function bulkWrite<Row>(db: SqlExecutor, spec: BulkWrite<Row>, rows: Row[]): Promise<number> {
  let written = 0;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const arrays = spec.columns.map((column) => {
      const values = batch.map(column.value);
      return Prisma.sql`${values}::${Prisma.raw(column.type)}[]`;
    });
    const names = [...spec.fixed.map((f) => f.name), ...spec.columns.map((c) => c.name)].map((n) => `"${n}"`).join(', ');
    const fixedValues = spec.fixed.map((f) => f.value);
    const select = [...fixedValues, Prisma.raw('u.*')];
    written += await db.$executeRaw`INSERT INTO ${Prisma.raw(`"${spec.table}"`)} (${Prisma.raw(names)})
      SELECT ${Prisma.join(select)} FROM unnest(${Prisma.join(arrays)}) AS u
      ${Prisma.raw(spec.onConflict)}`;
  }
  return written;
}
