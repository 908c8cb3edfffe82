import { loadConfig } from '../config/load.ts';

export async function configCheckCommand(): Promise<number> {
  const c = loadConfig();
  const lines = [
    `config file: ${c.configPath}`,
    `municipality: ${c.file.municipality.name} (${c.file.municipality.timeZone})`,
    `database: ${c.env.DATABASE_URL}`,
    `sectors: ${c.sectors.map((s) => s.code).join(', ')}`,
    `staff: ${c.staff.length} (${c.staff.map((s) => `${s.id}:${s.role}`).join(', ') || 'none'})`,
    `gazetteer: ${c.file.gazetteer.settlements.length} settlements, ${c.file.gazetteer.streets.length} streets`,
    'configuration is valid',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
