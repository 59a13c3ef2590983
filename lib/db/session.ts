/**
 * A single database session for work that Prisma's query API does not express well:
 * multi-statement migration files, advisory locks and bulk `unnest` inserts. Both back-ends
 * (pg and PGlite) implement it over the same connection pool or instance Prisma uses.
 */
export interface SqlSession {
  /** One statement with $1..$n parameters. */
  query<Row extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** One statement with parameters; resolves to the number of rows it wrote. */
  run(text: string, params?: unknown[]): Promise<number>;
  /** Several statements, no parameters (a migration file). */
  exec(text: string): Promise<void>;
}
