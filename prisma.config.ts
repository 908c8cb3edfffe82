import { defineConfig } from 'prisma/config';

// Used by `prisma generate` only. Migrations are applied by the project's own offline runner
// (src/store/migrate.ts) because Prisma's CLI downloads a native engine at run time.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/mcu.db' },
});
