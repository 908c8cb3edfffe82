import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { type ConfigFixture, FIXTURE_FILE, writeConfigFixture } from '../support/service-fixture.ts';

const fixtures: ConfigFixture[] = [];
function fixture(options: Parameters<typeof writeConfigFixture>[0] = {}): ConfigFixture {
  const f = writeConfigFixture(options);
  fixtures.push(f);
  return f;
}
afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup();
});

/** Runs loadConfig and returns the ConfigError it must throw. */
function configError(env: NodeJS.ProcessEnv, cwd: string): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('loadConfig accepted an invalid configuration');
}

const problemsOf = (e: ConfigError) => e.context.problems as string[];

describe('loadConfig', () => {
  it('when the env and both files are valid, then it returns typed env, file, sectors and staff', () => {
    const f = fixture();
    const config = loadConfig({ ...f.env, PORT: '8081', SHUTDOWN_TIMEOUT_MS: '2500' }, f.dir);
    expect(config.env).toMatchObject({
      PORT: 8081,
      HOST: '127.0.0.1',
      DATABASE_URL: f.dbUrl,
      LOG_LEVEL: 'silent',
    });
    expect(config.env.SHUTDOWN_TIMEOUT_MS).toBe(2500);
    expect(config.configPath).toBe(f.configPath);
    expect(config.file.municipality).toEqual(FIXTURE_FILE.municipality);
    expect(config.file.classifier.triageThreshold).toBe(0.45);
    expect(config.sectors.map((s) => s.code)).toContain('other');
    expect(config.staff.find((s) => s.id === 'petrov')).toMatchObject({
      role: 'executor',
      telegramId: '1002',
      telegramUsername: null,
      vkId: null,
      sectors: ['housing'],
      active: true,
    });
  });

  it('when MCU_CONFIG is relative, then it is resolved against cwd and the catalogue against the file', () => {
    const f = fixture();
    const config = loadConfig({ DATABASE_URL: f.dbUrl, MCU_CONFIG: 'mcu.yaml' }, f.dir);
    expect(config.configPath).toBe(path.join(f.dir, 'mcu.yaml'));
    expect(config.env.PORT).toBe(3000);
    expect(config.sectors.length).toBeGreaterThan(1);
  });

  it('when the config file is missing, then the ConfigError names the path and MCU_CONFIG', () => {
    const f = fixture();
    const missing = path.join(f.dir, 'nowhere.yaml');
    const e = configError({ ...f.env, MCU_CONFIG: missing }, f.dir);
    expect(e.code).toBe('config_invalid');
    expect(e.message).toContain(missing);
    expect(e.message).toContain('MCU_CONFIG');
  });

  it('when the sector catalogue is missing, then the error names the catalogue path', () => {
    const f = fixture();
    rmSync(f.sectorsPath);
    const e = configError(f.env, f.dir);
    expect(e.message).toMatch(/sector catalogue not found/);
    expect(e.message).toContain(f.sectorsPath);
  });

  it('when the YAML has an unknown key, then the message names the key and where it is', () => {
    const f = fixture({
      file: {
        ...FIXTURE_FILE,
        municipality: { ...FIXTURE_FILE.municipality, mayor: 'Иванов' },
        sectorFile: 'x',
      },
    });
    const e = configError(f.env, f.dir);
    expect(e.message).toMatch(/unknown key\(s\) mayor at municipality/);
    expect(e.message).toMatch(/unknown key\(s\) sectorFile/);
  });

  it('when monitor.publicAnswerLimitHours is set, then it is read; when it is 0, then the message names it', () => {
    const ok = fixture({ file: { ...FIXTURE_FILE, monitor: { publicAnswerLimitHours: 8 } } });
    expect(loadConfig(ok.env, ok.dir).file.monitor.publicAnswerLimitHours).toBe(8);
    const unset = fixture();
    expect(loadConfig(unset.env, unset.dir).file.monitor.publicAnswerLimitHours).toBeUndefined();
    const bad = fixture({ file: { ...FIXTURE_FILE, monitor: { publicAnswerLimitHours: 0 } } });
    expect(configError(bad.env, bad.dir).message).toContain('monitor.publicAnswerLimitHours');
  });

  it('when the YAML does not parse, then the message says it is not valid YAML', () => {
    const f = fixture({ file: 'municipality: [unclosed\n  name: x\n' });
    const e = configError(f.env, f.dir);
    expect(e.message).toContain(`config file ${f.configPath} is not valid YAML`);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'postgres://mcu:secret@db/mcu'],
    ['SHUTDOWN_TIMEOUT_MS', '5'],
  ])('when %s=%s, then the message names the variable', (name, value) => {
    const f = fixture();
    const e = configError({ ...f.env, [name]: value }, f.dir);
    expect(e.message).toMatch(new RegExp(`environment: set ${name} — `));
    expect(problemsOf(e)).toHaveLength(1);
  });

  it('when DATABASE_URL is not SQLite, then the message says what a good value looks like', () => {
    const f = fixture();
    const e = configError({ ...f.env, DATABASE_URL: 'postgres://mcu@db/mcu' }, f.dir);
    expect(e.message).toContain('file:./data/mcu.db');
  });

  it('when a staff member has an unknown sector, then the message names the member and the sector', () => {
    const f = fixture({
      file: {
        ...FIXTURE_FILE,
        staff: [{ id: 'ivanova', name: 'Иванова', role: 'executor', sectors: ['housing', 'parks'] }],
      },
    });
    const e = configError(f.env, f.dir);
    expect(problemsOf(e)).toEqual(['staff ivanova: unknown sector «parks»']);
  });

  it('when a sector names a head who is not on staff, then the message names the sector and the id', () => {
    const f = fixture({
      sectors: {
        sectors: [
          { code: 'roads', name: 'Дороги', heads: ['ghost'] },
          { code: 'housing', name: 'ЖКХ', executors: ['petrov'] },
          { code: 'other', name: 'Прочее' },
        ],
      },
    });
    const e = configError(f.env, f.dir);
    expect(problemsOf(e)).toEqual(['sector roads: staff id «ghost» is not in the staff list']);
  });

  it('when the time zone is not IANA, then the message names municipality.timeZone and the value', () => {
    const f = fixture({
      file: { ...FIXTURE_FILE, municipality: { name: 'Округ', timeZone: 'Moscow/Kremlin' } },
    });
    const e = configError(f.env, f.dir);
    expect(e.message).toContain('municipality.timeZone');
    expect(e.message).toContain('«Moscow/Kremlin»');
  });

  it('when the catalogue lacks «other» or repeats a code, then both problems are reported', () => {
    const f = fixture({
      sectors: {
        sectors: [
          { code: 'roads', name: 'Дороги' },
          { code: 'roads', name: 'Дороги 2' },
        ],
      },
    });
    const e = configError(f.env, f.dir);
    expect(e.message).toContain('sector codes must be unique');
    expect(e.message).toContain('«other»');
  });

  it('when the env, the file, the catalogue and the cross-references are all wrong, then every problem is listed at once', () => {
    const f = fixture({
      file: {
        ...FIXTURE_FILE,
        municipality: { name: 'Округ', timeZone: 'Nowhere/City' },
        staff: [{ id: 'ivanova', name: 'Иванова', role: 'executor', sectors: ['parks'] }],
      },
    });
    const env = { ...f.env, PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'postgres://db/mcu' };
    const e = configError(env, f.dir);
    const problems = problemsOf(e);
    expect(problems.filter((p) => p.startsWith('environment:'))).toHaveLength(3);
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL']) expect(e.message).toContain(`set ${name}`);
    expect(e.message).toContain('«Nowhere/City»');
    expect(e.message).toContain('staff ivanova: unknown sector «parks»');
    // One line per problem, so an operator sees the whole list in one run.
    expect(e.message.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(problems.length);
  });

  it('when the env is bad and the file has an unknown key, then both are listed', () => {
    const f = fixture({ file: { ...FIXTURE_FILE, extra: true } });
    const e = configError({ ...f.env, PORT: 'abc' }, f.dir);
    expect(e.message).toContain('set PORT');
    expect(e.message).toContain('unknown key(s) extra');
  });
});
