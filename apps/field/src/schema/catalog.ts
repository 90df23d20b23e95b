/** What the migrations leave in the database, read from pg_catalog: the one source of row shapes. */
export interface SchemaCatalog {
  tables: TableInfo[];
  functions: FunctionInfo[];
  extensions: string[];
}

export interface TableInfo {
  name: string;
  partitioned: string | null;
  comment: string | null;
  columns: ColumnInfo[];
  constraints: NamedDefinition[];
  indexes: NamedDefinition[];
  triggers: NamedDefinition[];
  /** Partitions that every database has (DEFAULT ones); dated partitions are made at run time. */
  partitions: NamedDefinition[];
}

export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  generated: string | null;
  comment: string | null;
}

export interface NamedDefinition {
  name: string;
  definition: string;
  /** For indexes: whether a unique index stands behind the name (so 23505 may carry it). */
  unique?: boolean;
}

export interface FunctionInfo {
  signature: string;
  definition: string;
}

export type Query = (sql: string, parameters?: unknown[]) => Promise<Record<string, unknown>[]>;

const TABLES = `
  SELECT c.oid, c.relname AS name, obj_description(c.oid, 'pg_class') AS comment,
         CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partitioned
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
   ORDER BY c.relname`;

const COLUMNS = `
  SELECT a.attrelid AS table_oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
         NOT a.attnotnull AS nullable,
         CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default,
         CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,
         col_description(a.attrelid, a.attnum) AS comment
    FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
   ORDER BY a.attrelid, a.attnum`;

const CONSTRAINTS = `
  SELECT conrelid AS table_oid, conname AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE conrelid = ANY($1::oid[]) AND conparentid = 0
   ORDER BY conrelid, conname`;

// Indexes that back a constraint are described by the constraint.
const INDEXES = `
  SELECT i.indrelid AS table_oid, c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisunique AS unique
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
   WHERE i.indrelid = ANY($1::oid[])
     AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
   ORDER BY i.indrelid, c.relname`;

const TRIGGERS = `
  SELECT tgrelid AS table_oid, tgname AS name, pg_get_triggerdef(oid) AS definition
    FROM pg_trigger WHERE tgrelid = ANY($1::oid[]) AND NOT tgisinternal AND tgparentid = 0
   ORDER BY tgrelid, tgname`;

const PARTITIONS = `
  SELECT i.inhparent AS table_oid, c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS definition
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
   WHERE i.inhparent = ANY($1::oid[]) AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'
   ORDER BY i.inhparent, c.relname`;

// Functions that belong to an extension are the extension's (listed by name below).
const FUNCTIONS = `
  SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature,
         pg_get_functiondef(p.oid) AS definition
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname = 'public'
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
   ORDER BY 1`;

const EXTENSIONS = `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`;

export async function readCatalog(query: Query): Promise<SchemaCatalog> {
  const tableRows = await query(TABLES);
  const oids = tableRows.map((row) => row.oid);
  // One client runs one query at a time; sequential keeps pg from warning.
  const [columns, constraints, indexes, triggers, partitions, functions, extensions] = await sequentially([
    () => query(COLUMNS, [oids]),
    () => query(CONSTRAINTS, [oids]),
    () => query(INDEXES, [oids]),
    () => query(TRIGGERS, [oids]),
    () => query(PARTITIONS, [oids]),
    () => query(FUNCTIONS),
    () => query(EXTENSIONS),
  ]);
  const of = <T>(rows: Record<string, unknown>[], oid: unknown, map: (row: Record<string, unknown>) => T): T[] =>
    rows.filter((row) => row.table_oid === oid).map(map);
  const named = (row: Record<string, unknown>): NamedDefinition => ({
    name: String(row.name),
    definition: String(row.definition),
    ...(row.unique === undefined ? {} : { unique: Boolean(row.unique) }),
  });
  return {
    tables: tableRows.map((table) => ({
      name: String(table.name),
      partitioned: (table.partitioned as string | null) ?? null,
      comment: (table.comment as string | null) ?? null,
      columns: of(columns, table.oid, (row) => ({
        name: String(row.name),
        type: String(row.type),
        nullable: Boolean(row.nullable),
        default: (row.default as string | null) ?? null,
        generated: (row.generated as string | null) ?? null,
        comment: (row.comment as string | null) ?? null,
      })),
      constraints: of(constraints, table.oid, named),
      indexes: of(indexes, table.oid, named),
      triggers: of(triggers, table.oid, named),
      partitions: of(partitions, table.oid, named),
    })),
    functions: functions.map((row) => ({ signature: String(row.signature), definition: String(row.definition) })),
    extensions: extensions.map((row) => String(row.name)),
  };
}

async function sequentially<T>(steps: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (const step of steps) results.push(await step());
  return results;
}
