/** Loads and validates the configuration once, at start; any problem stops the start with what to fix. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DomainError } from '../core/errors.ts';
import type { StaffMember } from '../core/model.ts';
import type { SectorDef } from '../core/sectors.ts';
import { checkMonitorConfig } from './monitor.ts';
import { type Env, envSchema, type FileConfig, fileSchema, sectorsFileSchema } from './schema.ts';

export class ConfigError extends DomainError {
  constructor(problems: string[]) {
    super('config_invalid', `Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      problems,
    });
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
    if (i.code === 'unrecognized_keys')
      return `${where}: unknown key(s) ${i.keys.join(', ')} at ${key}; remove them`;
    return `${where}: set ${key} — ${i.message}`;
  });
}

/** Reads a YAML file; a missing or unparsable file adds a problem and yields undefined. */
function readYaml(file: string, label: string, problems: string[]): unknown {
  if (!existsSync(file)) {
    problems.push(`${label} not found at ${file}; create it or set MCU_CONFIG`);
    return undefined;
  }
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`${label} ${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

function checkTimeZone(tz: string): string[] {
  try {
    new Intl.DateTimeFormat('ru-RU', { timeZone: tz });
    return [];
  } catch {
    return [
      `config file: set municipality.timeZone — «${tz}» is not an IANA time zone such as Europe/Moscow`,
    ];
  }
}

/** Validates everything it can reach and lists every problem at once, so one run shows all there is to fix. */
export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const env = envSchema.safeParse(rawEnv);
  if (!env.success) problems.push(...describe(env.error, 'environment'));
  // A bad PORT must not hide a bad config file: find the file even when other variables are wrong.
  const configName = env.success
    ? env.data.MCU_CONFIG
    : envSchema.shape.MCU_CONFIG.safeParse(rawEnv.MCU_CONFIG).data;
  if (configName === undefined) throw new ConfigError(problems);
  const configPath = path.resolve(cwd, configName);
  const rawFile = readYaml(configPath, 'config file', problems);
  const file = rawFile === undefined ? undefined : fileSchema.safeParse(rawFile);
  if (file && !file.success) problems.push(...describe(file.error, `config file ${configPath}`));
  const sectorsName = file?.success
    ? file.data.sectorsFile
    : typeof (rawFile as { sectorsFile?: unknown } | null)?.sectorsFile === 'string'
      ? (rawFile as { sectorsFile: string }).sectorsFile
      : fileSchema.shape.sectorsFile.parse(undefined);
  const sectorsPath = path.resolve(path.dirname(configPath), sectorsName);
  const rawSectors = rawFile === undefined ? undefined : readYaml(sectorsPath, 'sector catalogue', problems);
  const sectors = rawSectors === undefined ? undefined : sectorsFileSchema.safeParse(rawSectors);
  if (sectors && !sectors.success)
    problems.push(...describe(sectors.error, `sector catalogue ${sectorsPath}`));
  if (file?.success) problems.push(...checkTimeZone(file.data.municipality.timeZone));
  if (file?.success && sectors?.success) problems.push(...crossCheck(file.data, sectors.data.sectors));
  if (env.success && file?.success) problems.push(...checkMonitorConfig(env.data, file.data.monitor));
  if (problems.length || !env.success || !file?.success || !sectors?.success) throw new ConfigError(problems);
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
