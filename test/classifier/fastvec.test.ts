import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/classifier/analyse.ts';
import { FastVectoriser } from '../../src/classifier/fastvec.ts';
import { extractFeatures, tokenise } from '../../src/classifier/features.ts';
import { createClassifier, DEFAULT_SECTORS, shippedModel } from '../../src/classifier/index.ts';
import { bigramKey, gramKey, k1, k2, lookupOf, nameKey, wordKey } from '../../src/classifier/lookup.ts';
import { vectorise } from '../../src/classifier/model.ts';
import { STOP, stem, stemOrStop } from '../../src/classifier/stem.ts';

const TEXTS = [
  'Контейнеры переполнены, мусор не вывозят неделю',
  'Ямма на дороге по улице Садовой, асфальт разбит, машины бьют колеса',
  'net sveta uzhe dva dnya',
  'Батареи холодные, отопление не дали, в квартире 15 градусов!!!',
  'В поликлинике нет талонов к терапевту. Запись только через госуслуги',
  'Фонари во дворе не горят, темно, дети боятся ходить',
  'Пахнет газом в подъезде дома 7',
];

const key = (): [number, number] => [k1, k2];

describe('hashed feature keys', () => {
  it('when the same word is keyed twice, then the key is the same and fixed across runs', () => {
    wordKey('мусор');
    const a = key();
    wordKey('мусор');
    expect(key()).toEqual(a);
    expect(a).toEqual([-1644126659, -949984995]); // pinned: a change would silently alter models
    wordKey('мусар');
    expect(key()).not.toEqual(a);
  });

  it('when a key is computed from a feature name, then it equals the key built from its parts', () => {
    nameKey('w:двор');
    const fromName = key();
    wordKey('двор');
    expect(key()).toEqual(fromName);

    nameKey('c:<мус');
    const gram = key();
    gramKey(60, 'м'.charCodeAt(0), 'у'.charCodeAt(0), 'с'.charCodeAt(0));
    expect(key()).toEqual(gram);

    nameKey('b:яма_дорог');
    const bigram = key();
    wordKey('яма');
    const [a1, a2] = key();
    wordKey('дорог');
    bigramKey(a1, a2, k1, k2);
    expect(key()).toEqual(bigram);
  });

  it('when a bigram is reversed, then its key differs', () => {
    nameKey('b:яма_дорог');
    const ab = key();
    nameKey('b:дорог_яма');
    expect(key()).not.toEqual(ab);
  });

  it('when the shipped model is indexed, then every feature finds its own row', () => {
    const model = shippedModel();
    const table = lookupOf(model);
    expect(lookupOf(model)).toBe(table);
    expect(table.names.length).toBe(model.index.size);
    for (const [name, row] of model.index) expect(table.names[row]).toBe(name);
  });
});

describe('fast vectoriser', () => {
  it('when a text is vectorised by hash, then it matches the named-feature vector', () => {
    const model = shippedModel();
    const fast = new FastVectoriser(model);
    for (const text of TEXTS) {
      const a = analyse(text);
      const slow = vectorise(model, a.counts);
      const n = fast.vectorise(a.tokens.stems);
      expect(n).toBe(slow.rows.length);
      const got = new Map<number, number>();
      for (let i = 0; i < n; i++) got.set(fast.rows[i] ?? -1, fast.values[i] ?? 0);
      slow.rows.forEach((row, i) => {
        expect(got.get(row)).toBeCloseTo(slow.values[i] ?? 0, 9);
      });
    }
  });

  it('when the same text is vectorised twice, then the reused buffers give the same vector', () => {
    const fast = new FastVectoriser(shippedModel());
    const stems = tokenise('мусор мусор не вывозят').stems;
    fast.vectorise(stems);
    const first = fast.snapshot();
    fast.vectorise(tokenise('яма на дороге').stems);
    fast.vectorise(stems);
    expect(fast.snapshot()).toEqual(first);
  });

  it('when a text has no known feature, then the vector is empty', () => {
    expect(new FastVectoriser(shippedModel()).vectorise(['щщщщщ'])).toBe(0);
    expect(extractFeatures(tokenise('щщщщщ')).size).toBeGreaterThan(0);
  });
});

describe('stems and explanations', () => {
  it('when a word is a stopword, then stemOrStop marks it and stem() does not unmark it', () => {
    expect(stemOrStop('который')).toBe(STOP);
    expect(stemOrStop('контейнеры')).toBe(stem('контейнеры'));
    expect(stem('который')).not.toBe(STOP);
    expect(stemOrStop('который')).toBe(STOP);
  });

  it('when the result is serialised, then the lazily computed top features are in it', () => {
    const c = createClassifier({ catalogue: DEFAULT_SECTORS }).classify('Контейнеры переполнены');
    const json = JSON.parse(JSON.stringify(c)) as { explain: { features: Array<{ feature: string }> } };
    expect(json.explain.features.length).toBeGreaterThan(0);
    expect(json.explain.features).toEqual(c.explain.features);
    expect(c.explain.features[0]?.feature).toMatch(/^[wcb]:/);
  });
});
