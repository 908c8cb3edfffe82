/**
 * Top topics without a topic model: the words (by a crude 5-letter stem) found in the most appeals,
 * skipping function words and the vocabulary every appeal shares. Good enough for "what was it about".
 */

const STOP = new Set(
  'здравствуйте добрый просим прошу пожалуйста помогите спасибо которые который очень нужно можно будет этого этом такой также уже сделать сделайте почему когда сколько просьба обращение администрация городской улица улице улицы дома доме адрес'.split(
    ' ',
  ),
);

function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .match(/[а-я]{5,}/g) ?? []) {
    if (!STOP.has(w)) out.add(w.slice(0, 5));
  }
  return out;
}

export function topTopics(texts: string[], n: number): Array<{ key: string; count: number; share: number }> {
  const docs = new Map<string, number>();
  const example = new Map<string, string>();
  for (const t of texts) {
    for (const s of stems(t)) docs.set(s, (docs.get(s) ?? 0) + 1);
    for (const w of t
      .toLowerCase()
      .replace(/ё/g, 'е')
      .match(/[а-я]{5,}/g) ?? []) {
      const s = w.slice(0, 5);
      if (!example.has(s) || w.length < example.get(s)!.length) example.set(s, w);
    }
  }
  return [...docs]
    .filter(([, c]) => c >= 2 || texts.length < 5)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([s, count]) => ({
      key: example.get(s) ?? s,
      count,
      share: texts.length ? count / texts.length : 0,
    }));
}
