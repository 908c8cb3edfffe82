// Developer tool: `npm run migration:new -- <name>` writes prisma/migrations/<stamp>_<name>/migration.sql
// from the difference between the committed migrations and prisma/schema.prisma, offline.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { createMigration } from '../src/store/migrations.ts';

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run migration:new -- <name>');
  process.exit(2);
}
const made = await createMigration(new PrismaBetterSqlite3({ url: ':memory:' }), name);
console.log(
  made ? `created prisma/migrations/${made}/migration.sql` : 'schema and migrations agree; nothing to do',
);
