/** Loads and validates the configuration once, at start; any problem stops the start with what to fix. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DomainError } from '../core/errors.ts';
import type { StaffMember } from '../core/model.ts';
import type { SectorDef } from '../core/sectors.ts';
import { type Env, envSchema, type FileConfig, fileSchema, sectorsFileSchema } from './schema.ts';

export class ConfigError extends DomainError {
  constructor(problems: string[]) {
    super('config_invalid', `Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`, { problems });
  }
}

export interface Config {
  env: Env;
  file: FileConfig;
  sectors: SectorDef[];
  staff: StaffMember[];
  /** Absolute path of the config file, for messages. */
  configPath: string;
}

function describe(error: z.ZodError, where: string): string[] {
  return error.issues.map((i) => {
    const key = i.path.join('.') || '(root)';
    if (i.code === 'unrecognized_keys') return `${where}: unknown key(s) ${i.keys.join(', ')} at ${key}; remove them`;
    return `${where}: set ${key} — ${i.message}`;
  });
}

function readYaml(file: string, label: string): unknown {
  if (!existsSync(file)) throw new ConfigError([`${label} not found at ${file}; create it or set MCU_CONFIG`]);
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError([`${label} ${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
}

function checkTimeZone(tz: string): string[] {
  try {
    new Intl.DateTimeFormat('ru-RU', { timeZone: tz });
    return [];
  } catch {
    return [`config file: set municipality.timeZone — «${tz}» is not an IANA time zone such as Europe/Moscow`];
  }
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const env = envSchema.safeParse(rawEnv);
  if (!env.success) throw new ConfigError(describe(env.error, 'environment'));
  const configPath = path.resolve(cwd, env.data.MCU_CONFIG);
  const file = fileSchema.safeParse(readYaml(configPath, 'config file'));
  if (!file.success) throw new ConfigError(describe(file.error, `config file ${configPath}`));
  const sectorsPath = path.resolve(path.dirname(configPath), file.data.sectorsFile);
  const sectors = sectorsFileSchema.safeParse(readYaml(sectorsPath, 'sector catalogue'));
  if (!sectors.success) throw new ConfigError(describe(sectors.error, `sector catalogue ${sectorsPath}`));
  const problems = [...checkTimeZone(file.data.municipality.timeZone), ...crossCheck(file.data, sectors.data.sectors)];
  if (problems.length) throw new ConfigError(problems);
  const staff = file.data.staff.map(
    (s): StaffMember => ({
      ...s,
      telegramId: s.telegramId ?? null,
      telegramUsername: s.telegramUsername?.replace(/^@/, '') ?? null,
      vkId: s.vkId ?? null,
      active: true,
    }),
  );
  return { env: env.data, file: file.data, sectors: sectors.data.sectors, staff, configPath };
}

/** References between the two files: staff sectors exist, sector heads and executors exist. */
function crossCheck(file: FileConfig, sectors: SectorDef[]): string[] {
  const codes = new Set(sectors.map((s) => s.code));
  const ids = new Set(file.staff.map((s) => s.id));
  const problems: string[] = [];
  for (const s of file.staff) {
    for (const c of s.sectors) if (!codes.has(c)) problems.push(`staff ${s.id}: unknown sector «${c}»`);
  }
  for (const s of sectors) {
    for (const id of [...s.heads, ...s.executors]) {
      if (!ids.has(id)) problems.push(`sector ${s.code}: staff id «${id}» is not in the staff list`);
    }
  }
  return problems;
}
