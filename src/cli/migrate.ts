import { loadConfig } from '../config/load.ts';
import { sqliteAdapter } from '../store/client.ts';
import { StoreError } from '../store/errors.ts';
import { applyMigrations } from '../store/migrations.ts';

export async function migrateCommand(): Promise<number> {
  const config = loadConfig();
  const applied = await applyMigrations(sqliteAdapter(config.env.DATABASE_URL)).catch((e: unknown) => {
    throw StoreError.wrap(e, 'migrate_failed', `cannot migrate ${config.env.DATABASE_URL}`, {});
  });
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  return 0;
}
