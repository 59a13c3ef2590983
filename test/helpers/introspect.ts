import type { SqlSession } from '../../lib/db/session';
import type { ColumnShape, ExpectedSchema, ForeignKeyShape, IndexShape } from './prisma-schema';

const ON_DELETE: Record<string, string> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

function normaliseType(type: string): string {
  return type
    .replace(/^timestamp\((\d)\) with time zone/, 'timestamptz($1)')
    .replace(/^timestamp\((\d)\) without time zone/, 'timestamp($1)');
}

/** What the database actually contains in schema `public`, in the shape of ExpectedSchema. */
export async function introspect(session: SqlSession): Promise<ExpectedSchema> {
  const columns = await session.query<{ table: string; column: string; nullable: string; def: string | null; type: string }>(
    `SELECT c.table_name AS table, c.column_name AS column, c.is_nullable AS nullable, c.column_default AS def,
            format_type(a.atttypid, a.atttypmod) AS type
       FROM information_schema.columns c
       JOIN pg_attribute a
         ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
        AND a.attname = c.column_name
      WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations'`,
  );
  const tables = new Map<string, Map<string, ColumnShape>>();
  for (const row of columns) {
    const table = tables.get(row.table) ?? new Map<string, ColumnShape>();
    table.set(row.column, { type: normaliseType(row.type), nullable: row.nullable === 'YES', hasDefault: row.def !== null });
    tables.set(row.table, table);
  }

  const indexRows = await session.query<{ table: string; name: string; primary: boolean; unique: boolean; columns: string[] }>(
    `SELECT t.relname AS table, i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique,
            array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
      GROUP BY 1, 2, 3, 4`,
  );
  const indexes = indexRows.map(
    (row): IndexShape => ({
      table: row.table,
      name: row.name,
      kind: row.primary ? 'primary' : row.unique ? 'unique' : 'index',
      columns: row.columns,
    }),
  );

  const fkRows = await session.query<{ table: string; name: string; ref_table: string; del: string; columns: string[]; ref_columns: string[] }>(
    `SELECT t.relname AS table, c.conname AS name, rt.relname AS ref_table, c.confdeltype AS del,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS ref_columns
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class rt ON rt.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const foreignKeys = fkRows.map(
    (row): ForeignKeyShape => ({
      table: row.table,
      name: row.name,
      columns: row.columns,
      refTable: row.ref_table,
      refColumns: row.ref_columns,
      onDelete: ON_DELETE[row.del] ?? row.del,
    }),
  );
  return { tables, indexes, foreignKeys };
}
