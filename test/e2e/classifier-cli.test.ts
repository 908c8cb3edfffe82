import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTrain } from '../../src/classifier/cli.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/logger.ts';
import { startService } from '../../src/main.ts';
import { createStore } from '../../src/store/create-store.ts';
import {
  type ConfigFixture,
  childEnv,
  MCU_BIN,
  REPO_ROOT,
  runMcu,
  writeConfigFixture,
} from '../support/service-fixture.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 45_000 });

/** `mcu classify` with the given stdin; resolves with the output lines parsed. */
function classify(lines: string[], env: NodeJS.ProcessEnv, model?: string) {
  const child = spawn(process.execPath, [MCU_BIN, 'classify', ...(model ? ['--model', model] : [])], {
    cwd: REPO_ROOT,
    env: childEnv(env),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  return new Promise<{ code: number | null; out: Array<Record<string, unknown>>; stderr: string }>(
    (resolve) => {
      child.on('close', (code) =>
        resolve({
          code,
          stderr,
          out: stdout
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l)),
        }),
      );
    },
  );
}

/** A custom label no shipped model knows: proof that a trained model is the one in use. */
const CUSTOM = Array.from({ length: 30 }, (_, i) => ({
  text: `звездолёт номер ${i} завис над площадью`,
  sector: 'ecology',
}));

describe('the classifier from the command line', () => {
  let f: ConfigFixture;
  let dataFile: string;
  beforeAll(() => {
    f = writeConfigFixture();
    dataFile = path.join(f.dir, 'extra.jsonl');
    writeFileSync(dataFile, `${CUSTOM.map((r) => JSON.stringify(r)).join('\n')}\nnot json\n`);
  });
  afterAll(() => f.cleanup());

  it('when JSONL comes in on stdin, then one JSONL line per input comes out, in order, with sector, confidence, urgency and explanation', async () => {
    const r = await classify(
      [
        JSON.stringify({ id: 'a', text: 'Не вывозят мусор, контейнеры переполнены' }),
        JSON.stringify({ id: 'b', text: 'Прорвало трубу в подвале, нет воды' }),
        '{broken',
        JSON.stringify({ id: 'c', text: '' }),
      ],
      f.env,
    );
    expect(r.code).toBe(0);
    expect(r.out.map((o) => o.id)).toEqual(['a', 'b', null, 'c']);
    expect(r.out[0]).toMatchObject({ sector: 'waste', urgent: false });
    expect(r.out[1]).toMatchObject({ urgent: true });
    expect(r.out[2]).toMatchObject({ error: 'invalid JSON line' });
    expect(r.out[3]).toMatchObject({ sector: 'other', confidence: 0 });
    expect(r.stderr).toContain('1 input line(s) could not be read');
  });

  it('when `mcu train` learns from a file, then `mcu classify --model` uses the new model; a corrupt model falls back with a message', async () => {
    const model = path.join(f.dir, 'model.json');
    const trained = await runMcu(['train', '--data', dataFile, '--out', model], f.env);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/skipped 1 unreadable line/);
    const line = JSON.stringify({ id: 'x', text: 'звездолёт завис над площадью' });
    expect((await classify([line], f.env, model)).out[0]).toMatchObject({ sector: 'ecology' });
    const corrupt = path.join(f.dir, 'corrupt.json');
    writeFileSync(corrupt, '{"format": "nope"');
    const fallback = await classify([line], f.env, corrupt);
    expect(fallback.code).toBe(0);
    expect(fallback.stderr).toMatch(/using the shipped model/);
    expect(fallback.out).toHaveLength(1);
  });

  it('when staff rerouted appeals before, then `mcu train` learns from those decisions in the database', async () => {
    const store = await createStore({ url: f.dbUrl });
    await store.training.add({ text: 'луноход застрял во дворе', sector: 'improvement', source: 'staff' });
    await store.close();
    const r = await runMcu(['train', '--out', path.join(f.dir, 'm2.json')], f.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(1 from staff decisions\)/);
  });

  it('when a new model file appears while the service runs, then the service picks it up without a restart', async () => {
    const model = path.join(f.dir, 'live-model.json');
    const config = loadConfig({ ...f.env, CLASSIFIER_MODEL_FILE: model }, REPO_ROOT);
    const service = await startService(config, createLogger('silent'), { adapters: () => [] });
    try {
      const before = service.deps.classifier.version;
      runTrain({ extraExamples: CUSTOM, out: model });
      await expect
        .poll(() => service.deps.classifier.version, { timeout: 15_000, interval: 200 })
        .not.toBe(before);
      expect(service.deps.classifier.classify('звездолёт завис над площадью').sector).toBe('ecology');
    } finally {
      await service.stop();
    }
  });
});
