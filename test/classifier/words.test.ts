import { describe, expect, it } from 'vitest';
import { tokenise } from '../../src/classifier/features.ts';
import { STOPWORDS, stem } from '../../src/classifier/stem.ts';

/** The plain definition the scanner must agree with. */
function reference(text: string) {
  const words = (text.match(/[а-яa-z0-9]+/g) ?? []).slice(0, 400);
  const content = words.filter((w) => !STOPWORDS.has(w));
  const stems = content.filter((w) => !/^\d+$/.test(w)).map(stem);
  return { words, stems, content };
}

const TEXTS = [
  'контейнеры переполнены, мусор не вывозят неделю',
  'яма на дороге по улице садовой 12, кв 5 — асфальт разбит!!!',
  'net sveta uzhe 2 dnya',
  '',
  '   ,,, ---',
  'нет света нет света нет света в доме 7а',
  `${'во дворе дома опять не убрали снег '.repeat(80)}конец`,
];

describe('word scanner', () => {
  it.each(TEXTS.map((t) => [t.slice(0, 40), t]))(
    'when «%s» is tokenised, then it matches the regex reference',
    (_, text) => {
      expect(tokenise(text)).toEqual(reference(text));
    },
  );

  it('when the same word comes again, then the very same string is handed back', () => {
    const a = tokenise('мусор мусор').words;
    expect(a[0]).toBe(a[1]);
    expect(tokenise('ещё мусор').words.at(-1)).toBe(a[0]);
  });

  it('when thousands of unique words stream in, then tokenising stays correct', () => {
    for (let i = 0; i < 150_000; i += 1000) {
      // 150 × 400 new words: more than the table holds, so it is cleared on the way
      const text = Array.from({ length: 1000 }, (_, j) => `слово${i + j}ы`).join(' ');
      expect(tokenise(text).words.length).toBe(400);
    }
    expect(tokenise('мусор не вывозят')).toEqual(reference('мусор не вывозят'));
  });
});
