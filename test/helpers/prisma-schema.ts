import { readFileSync } from 'node:fs';
import wasm from '@prisma/prisma-schema-wasm';

/** What schema.prisma says the database must contain, in Postgres terms (Prisma's mapping). */
export interface ExpectedSchema {
  tables: Map<string, Map<string, ColumnShape>>;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

export interface ColumnShape {
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}

export interface IndexShape {
  table: string;
  name: string;
  kind: 'primary' | 'unique' | 'index';
  columns: string[];
}

export interface ForeignKeyShape {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
}

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: { name: string }[];
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp(3)',
  Json: 'jsonb',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
};

function columnType(field: DmmfField): string {
  let type = SCALAR_TYPES[field.type];
  if (!type) throw new Error(`no Postgres mapping for Prisma type ${field.type}`);
  if (field.nativeType) {
    const [native, args] = field.nativeType;
    // Postgres spells DECIMAL as numeric; Prisma's native type names follow the SQL standard.
    const name = native === 'Decimal' ? 'numeric' : native.toLowerCase();
    type = native === 'Timestamptz' ? `timestamptz(${args[0] ?? 6})` : `${name}(${args.join(',')})`;
  }
  return field.isList ? `${type}[]` : type;
}

/** Parses schema.prisma with Prisma's own schema engine (wasm) and maps it to Postgres. */
export function expectedSchema(schemaPath: string): ExpectedSchema {
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: readFileSync(schemaPath, 'utf8') }))) as {
    datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] };
  };
  const models = new Map(dmmf.datamodel.models.map((model) => [model.name, model]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };

  const tables = new Map<string, Map<string, ColumnShape>>();
  const foreignKeys: ForeignKeyShape[] = [];
  for (const model of models.values()) {
    const columns = new Map<string, ColumnShape>();
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (field.relationFromFields?.length) {
          const target = models.get(field.type)!;
          const cols = field.relationFromFields.map((f) => columnOf(model, f));
          foreignKeys.push({
            table: tableOf(model),
            name: `${tableOf(model)}_${cols.join('_')}_fkey`,
            columns: cols,
            refTable: tableOf(target),
            refColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
            onDelete: field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull'),
          });
        }
        continue;
      }
      columns.set(field.dbName ?? field.name, {
        type: columnType(field),
        nullable: field.isList ? true : !field.isRequired,
        hasDefault: field.hasDefaultValue,
      });
    }
    tables.set(tableOf(model), columns);
  }

  const indexes = dmmf.datamodel.indexes.map((index): IndexShape => {
    const model = models.get(index.model)!;
    const table = tableOf(model);
    const cols = index.fields.map((f) => columnOf(model, f.name));
    if (index.type === 'id') return { table, name: index.dbName ?? `${table}_pkey`, kind: 'primary', columns: cols };
    if (index.type === 'unique') return { table, name: index.dbName ?? `${table}_${cols.join('_')}_key`, kind: 'unique', columns: cols };
    return { table, name: index.dbName ?? `${table}_${cols.join('_')}_idx`, kind: 'index', columns: cols };
  });
  return { tables, indexes, foreignKeys };
}
