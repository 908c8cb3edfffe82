import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createClassifier,
  DEFAULT_SECTORS,
  loadModel,
  ModelLoadError,
  ReloadableClassifier,
  saveModel,
  shippedModel,
  trainModel,
} from '../../src/classifier/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'mcu-model-'));

describe('model files', () => {
  it('when a model is saved and loaded, then it classifies the same way', () => {
    const file = path.join(dir, 'm.json');
    const bytes = saveModel(shippedModel(), file);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    const loaded = loadModel(file);
    expect(loaded.version).toBe(shippedModel().version);
    const a = createClassifier({ catalogue: DEFAULT_SECTORS }).classify('Мусор не вывозят');
    const b = createClassifier({ catalogue: DEFAULT_SECTORS, model: loaded }).classify('Мусор не вывозят');
    expect(b.sector).toBe(a.sector);
    expect(Math.abs(b.confidence - a.confidence)).toBeLessThan(0.01);
  });

  it.each([
    ['not JSON', '{"format": "mcu-classifier/1", '],
    ['a wrong format', '{"format":"other"}'],
    [
      'truncated weights',
      JSON.stringify({
        format: 'mcu-classifier/1',
        version: 'x',
        classes: ['a'],
        features: ['w:a'],
        idf: [1],
        bias: [0],
        scale: 1,
        weights: '',
        temperature: 1,
      }),
    ],
  ])('when the model file is %s, then loading fails with ModelLoadError', (_, content) => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, content);
    expect(() => loadModel(file)).toThrow(ModelLoadError);
    expect(() => loadModel(file)).toThrow(/Cannot load classifier model/);
  });

  it('when the model file is missing, then loading fails with ModelLoadError', () => {
    expect(() => loadModel(path.join(dir, 'nope.json'))).toThrow(ModelLoadError);
  });

  it('when the reloadable file is corrupt, then it keeps the shipped model', () => {
    const file = path.join(dir, 'corrupt.json');
    writeFileSync(file, 'garbage');
    const warnings: object[] = [];
    const clf = new ReloadableClassifier({
      catalogue: DEFAULT_SECTORS,
      modelFile: file,
      logger: { warn: (o) => warnings.push(o) },
    });
    expect(clf.version).toBe(shippedModel().version);
    expect(warnings).toHaveLength(1);
    expect(clf.classify('нет света').sector).toBe('energy');
  });

  it('when a new model is written and reload() is called, then the new model is used', () => {
    const file = path.join(dir, 'live.json');
    saveModel(shippedModel(), file);
    const clf = new ReloadableClassifier({ catalogue: DEFAULT_SECTORS, modelFile: file });
    const staff = trainModel(
      [
        { text: 'Котики во дворе голодные', sector: 'other' },
        { text: 'Нет света в доме', sector: 'energy' },
      ],
      { name: 'staff', calibrate: false },
    );
    saveModel(staff, file);
    expect(clf.reload()).toBe(true);
    expect(clf.version).toMatch(/^staff-/);
  });
});
