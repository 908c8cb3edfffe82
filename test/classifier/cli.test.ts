import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadModel, runClassify, runTrain } from '../../src/classifier/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'mcu-cli-'));

async function classifyLines(lines: string[], modelFile?: string): Promise<Array<Record<string, unknown>>> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c: Buffer) => chunks.push(c.toString()));
  await runClassify({
    input: Readable.from([lines.join('\n')]),
    output,
    ...(modelFile ? { modelFile } : {}),
  });
  return chunks
    .join('')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('cli functions', () => {
  it('when JSONL comes in, then one result line per input comes out, in order, bad lines flagged', async () => {
    const out = await classifyLines([
      JSON.stringify({ id: 1, text: 'Контейнеры переполнены' }),
      'not json',
      JSON.stringify({ id: 3 }),
      JSON.stringify({ id: 4, text: 'Нет света второй день' }),
    ]);
    expect(out.map((o) => o.id)).toEqual([1, null, 3, 4]);
    expect(out[0]).toMatchObject({ sector: 'waste', urgent: false });
    expect(out[1]).toHaveProperty('error');
    expect(out[2]).toHaveProperty('error');
    expect(out[3]).toMatchObject({ sector: 'energy', urgent: true });
    expect(out[3]).toHaveProperty('confidence');
    expect(out[3]).toHaveProperty('explain');
  });

  it('when runTrain writes a model, then it loads and runClassify uses it', async () => {
    const data = path.join(dir, 'data.jsonl');
    writeFileSync(
      data,
      [
        JSON.stringify({ text: 'Шлагбаум во дворе не открывается', sector: 'improvement' }),
        'broken line',
        JSON.stringify({ text: 'Шлагбаум сломан у въезда', sector: 'improvement' }),
      ].join('\n'),
    );
    const out = path.join(dir, 'model.json');
    const res = runTrain({
      dataFile: data,
      extraExamples: [{ text: 'Нет газа в доме', sector: 'energy' }],
      out,
    });
    expect(res.skippedLines).toBe(1);
    expect(res.bytes).toBeGreaterThan(0);
    expect(loadModel(out).version).toBe(res.version);
    const [line] = await classifyLines([JSON.stringify({ id: 'a', text: 'Мусор не вывозят' })], out);
    expect(line).toMatchObject({ id: 'a', sector: 'waste' });
  });
});
