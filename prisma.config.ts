import { defineConfig } from 'prisma/config';

// Only the CLI reads this (generate, and `migrate deploy` where an engine exists). Tally itself
// applies prisma/migrations/ with its own migrator (lib/db/migrate.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/tally' },
});
