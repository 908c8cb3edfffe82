import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ConfigFixture, childEnv, MCU_BIN, writeConfigFixture } from '../support/service-fixture.ts';

vi.setConfig({ testTimeout: 45_000 });

function mcuIn(cwd: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [MCU_BIN, ...args], { cwd, env: childEnv(env) });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    out += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    err += c;
  });
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, out, err })),
  );
}

describe('a .env file in the working directory', () => {
  let f: ConfigFixture;
  beforeAll(() => {
    f = writeConfigFixture();
    writeFileSync(
      path.join(f.dir, '.env'),
      `MCU_CONFIG=${f.configPath}\nDATABASE_URL=${f.dbUrl}\nDIGEST_CRON="30 8 * * *"\n`,
    );
  });
  afterAll(() => f.cleanup());

  it('when the environment does not set a variable, then .env provides it', async () => {
    const r = await mcuIn(f.dir, ['config', 'check'], {});
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`config file: ${f.configPath}`);
  });

  it('when the environment sets a variable, then it wins over .env', async () => {
    const r = await mcuIn(f.dir, ['config', 'check'], { MCU_CONFIG: path.join(f.dir, 'missing.yaml') });
    expect(r.code).toBe(1);
    expect(r.err).toContain('missing.yaml');
  });
});
