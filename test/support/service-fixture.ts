/**
 * Fixtures for the service shell: config files in a temp dir, an in-memory log destination, and
 * `node bin/mcu.js` as a child process with a clean environment.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { DEFAULT_SECTORS } from '../../src/classifier/default-catalogue.ts';
import { tempDir } from './harness.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MCU_BIN = path.join(REPO_ROOT, 'bin/mcu.js');

export const FIXTURE_FILE = {
  municipality: { name: 'Тестовый округ', timeZone: 'Europe/Moscow' },
  sectorsFile: 'sectors.yaml',
  gazetteer: { settlements: ['Заречье'], streets: ['Ленина'], organisations: [] },
  staff: [
    { id: 'coord', name: 'Координатор', role: 'coordinator', telegramId: '1001' },
    { id: 'petrov', name: 'Петров', role: 'executor', telegramId: '1002', sectors: ['housing'] },
  ],
} as const;

export function fixtureSectors(): unknown {
  return { sectors: DEFAULT_SECTORS };
}

export interface ConfigFixture {
  dir: string;
  configPath: string;
  sectorsPath: string;
  dbFile: string;
  dbUrl: string;
  /** MCU_CONFIG and DATABASE_URL pointing into the temp dir, plus a quiet log and a loopback host. */
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/** Writes mcu.yaml and sectors.yaml (a YAML string is written verbatim, anything else is serialised). */
export function writeConfigFixture(
  options: { file?: unknown; sectors?: unknown; env?: NodeJS.ProcessEnv } = {},
): ConfigFixture {
  const { dir, cleanup } = tempDir('mcu-shell-');
  const configPath = path.join(dir, 'mcu.yaml');
  const sectorsPath = path.join(dir, 'sectors.yaml');
  const text = (v: unknown) => (typeof v === 'string' ? v : stringify(v));
  writeFileSync(configPath, text(options.file ?? FIXTURE_FILE));
  writeFileSync(sectorsPath, text(options.sectors ?? fixtureSectors()));
  const dbFile = path.join(dir, 'mcu.db');
  const dbUrl = `file:${dbFile}`;
  const env: NodeJS.ProcessEnv = {
    MCU_CONFIG: configPath,
    DATABASE_URL: dbUrl,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    ...options.env,
  };
  return { dir, configPath, sectorsPath, dbFile, dbUrl, env, cleanup };
}

/** A pino destination that keeps every line; `text` is everything written so far. */
export function memoryDestination() {
  const lines: string[] = [];
  return {
    lines,
    write(line: string) {
      lines.push(line);
    },
    get text() {
      return lines.join('');
    },
    records(): Array<Record<string, unknown>> {
      return lines.flatMap((l) => l.split('\n').filter(Boolean)).map((l) => JSON.parse(l));
    },
  };
}

/** The environment of a child `mcu`: only what it needs, so the developer's shell cannot leak in. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    DOTENV_CONFIG_QUIET: 'true',
    ...env,
  };
}

export interface McuRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Starts `node bin/mcu.js …` in the repo root. */
export function spawnMcu(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [MCU_BIN, ...args], {
    cwd: REPO_ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `mcu …` to completion; a run longer than `timeoutMs` is killed and reported with signal SIGKILL. */
export function runMcu(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<McuRun> {
  const started = Date.now();
  const child = spawnMcu(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * Polls until `ok(probe())`, or fails naming what it waited for and what it last saw. Services run
 * in-process and answer on their own time: tests wait for what they need, never for a fixed sleep.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => T | Promise<T>,
  ok: (v: T) => boolean,
  o: { timeoutMs: number; everyMs: number },
): Promise<T> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, o.everyMs));
  }
}

/** True when something accepts TCP connections on the loopback port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
