import { describe, expect, it } from 'vitest';
import { createClassifier, DEFAULT_SECTORS } from '../../src/classifier/index.ts';

const clf = createClassifier({
  catalogue: DEFAULT_SECTORS,
  gazetteer: {
    settlements: ['Железногорск'],
    streets: ['проспект Кулакова', 'улица Садовая'],
    organisations: [],
  },
});

const SECTORS: Array<[string, string]> = [
  ['housing', 'Открытый люк у подъезда, крышку украли, УК не реагирует'],
  ['waste', 'Контейнеры переполнены, мусор не вывозят неделю'],
  ['energy', 'Батареи холодные, в квартире 15 градусов, отопление не дали'],
  ['education', 'В школе нет учителя математики, дети без уроков'],
  ['health', 'В поликлинике нет талонов к терапевту на месяц вперед'],
  ['roads', 'Яма на улице Ленина посреди дороги, асфальт разбит'],
  ['transport', 'Автобус 12 не ходит по расписанию, ждем по часу'],
  ['social', 'Не пришло пособие на ребенка, соцзащита молчит'],
  ['ecology', 'Вонь от очистных сооружений, дышать нечем'],
  ['services', 'Не могу подать заявление на госуслугах, в МФЦ не помогают'],
  ['improvement', 'Не горят фонари во дворе, темно'],
  ['other', 'Бродячие собаки кусают детей у школы'],
];

describe('classifier pipeline: sectors', () => {
  it.each(SECTORS)('when a resident writes about %s, then the text goes there', (sector, text) => {
    const c = clf.classify(text);
    expect(c.sector).toBe(sector);
    expect(c.confidence).toBeGreaterThan(0.5);
    expect(c.needsTriage).toBe(false);
    expect(c.explain.rules.length + c.explain.features.length).toBeGreaterThan(0);
  });

  it('when a yard road is damaged, then it is improvement, and a street is roads', () => {
    expect(clf.classify('Ямы на придомовой территории во дворе дома 5').sector).toBe('improvement');
    expect(clf.classify('Ямы на дороге по улице Садовой').sector).toBe('roads');
  });

  it('when a container stands in a yard, then waste wins by priority', () => {
    const c = clf.classify('Во дворе переполнен контейнер, свалка у подъезда');
    expect(c.sector).toBe('waste');
    expect(c.explain.rules.some((r) => r.includes('контейнер'))).toBe(true);
  });
});

describe('classifier pipeline: adversarial inputs', () => {
  const CASES: Array<[string, string, string]> = [
    ['a typo «ямма»', 'ямма на дороге', 'roads'],
    ['a typo «мусар»', 'мусар не вывозят', 'waste'],
    ['transliteration', 'net sveta', 'energy'],
    ['ALL CAPS', 'НЕТ СВЕТА УЖЕ ДВА ДНЯ!!!', 'energy'],
    ['a Latin «o» in «кoнтейнер»', 'кoнтейнер переполнен', 'waste'],
    ['a very short text', 'нет света', 'energy'],
    ['HTML and a URL', '<p>Не вывозят <b>мусор</b></p> https://example.ru/x', 'waste'],
  ];
  it.each(CASES)('when the text has %s, then it is still classified', (_, text, sector) => {
    expect(clf.classify(text).sector).toBe(sector);
  });

  it('when the text is very long, then it is classified without throwing', () => {
    const long = `${'Во дворе дома по улице Садовой много лет не ремонтировали асфальт. '.repeat(150)}`;
    const c = clf.classify(long);
    expect(c.sector).toBe('improvement');
  });

  const BAD: Array<[string, string, string]> = [
    ['empty', '', 'empty text'],
    ['blank', '   \n ', 'empty text'],
    ['emoji only', '😡😡🔥', 'no known words'],
    ['binary garbage', '\u0000\u0001\u0002\u0003\u0004abc\u0000\u0007', 'binary or garbled text'],
    ['enormous', 'а'.repeat(30_000), 'text too long'],
  ];
  it.each(BAD)(
    'when the text is %s, then it goes to triage as other with confidence 0',
    (_, text, reason) => {
      const c = clf.classify(text);
      expect(c).toMatchObject({ sector: 'other', confidence: 0, decidedBy: 'none', needsTriage: true });
      expect(c.explain.reason).toContain(reason);
    },
  );

  it('when the input is not a string at all, then it does not throw', () => {
    expect(clf.classify(undefined as unknown as string).explain.reason).toBe('not a text');
  });
});

describe('classifier pipeline: urgency, spam, places, triage', () => {
  it.each([
    ['Прорвало трубу в подвале, кипяток хлещет', 'прорыв трубы'],
    ['Пахнет газом в подъезде!', 'запах газа'],
    ['Третий день нет воды в доме', 'нет воды'],
    ['Пожар в соседнем доме', 'пожар'],
  ])('when the text says «%s», then it is urgent (%s)', (text, reason) => {
    const c = clf.classify(text);
    expect(c.urgent).toBe(true);
    expect(c.urgentReasons).toContain(reason);
  });

  it('when a text is an ordinary complaint, then it is not urgent', () => {
    expect(clf.classify('Не горят фонари во дворе').urgent).toBe(false);
  });

  it('when a text is advertising, then it is spam, other and in triage', () => {
    const c = clf.classify('Заработок от 5000 в день без вложений, пиши в лс');
    expect(c).toMatchObject({ spam: true, sector: 'other', needsTriage: true });
    expect(c.spamReasons).toContain('реклама');
  });

  it('when a text names gazetteer places, then they are reported', () => {
    const c = clf.classify('В Железногорске на проспекте Кулакова яма');
    expect(c.places.settlements).toEqual(['Железногорск']);
    expect(c.places.streets).toEqual(['проспект Кулакова']);
  });

  it('when the threshold is above any confidence, then everything needs triage', () => {
    const strict = createClassifier({ catalogue: DEFAULT_SECTORS, threshold: 1.01 });
    expect(strict.classify('Контейнеры переполнены').needsTriage).toBe(true);
  });

  it('when the catalogue has no rules, then the model alone decides', () => {
    const bare = DEFAULT_SECTORS.map((s) => ({ ...s, keywords: [], phrases: [], negativeKeywords: [] }));
    const c = createClassifier({ catalogue: bare }).classify('Контейнеры переполнены, мусор не вывозят');
    expect(c).toMatchObject({ sector: 'waste', decidedBy: 'model' });
    expect(c.explain.rules).toEqual([]);
    expect(c.explain.features.length).toBeGreaterThan(0);
  });
});
