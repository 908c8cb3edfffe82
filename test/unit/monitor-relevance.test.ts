import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifier/pipeline.ts';
import { loadConfig } from '../../src/config/load.ts';
import { chooseIncident, DEFAULT_GROUPING } from '../../src/core/monitor/grouping.ts';
import { assessRelevance, DEFAULT_RELEVANCE } from '../../src/core/monitor/relevance.ts';
import { buildSources } from '../../src/monitor/build-sources.ts';
import { testSectors } from '../support/harness.ts';
import { GAZETTEER } from '../support/monitor.ts';
import { writeConfigFixture } from '../support/service-fixture.ts';

const classifier = createClassifier({ catalogue: testSectors(), threshold: 0.45, gazetteer: GAZETTEER });
const verdict = (text: string, local = false) =>
  assessRelevance({ text, local }, classifier.classify(text), DEFAULT_RELEVANCE);

describe('monitor relevance and grouping', () => {
  it('when a post names a place and a problem, then it is relevant; otherwise the reason says why not', () => {
    expect(verdict('Прорыв трубы на ул. Мира, вода хлещет, сколько можно!').relevant).toBe(true);
    expect(verdict('Прорыв трубы, вода хлещет, сколько можно!')).toMatchObject({ reason: 'not_local' });
    expect(verdict('Прорыв трубы, вода хлещет, сколько можно!', true).relevant).toBe(true);
    expect(verdict('😡😡😡 🔥')).toMatchObject({ reason: 'no_text' });
    expect(verdict('https://vk.com/video-1_2 https://t.me/x')).toMatchObject({ reason: 'no_text' });
    expect(verdict('Поздравляем жителей Заречья с праздником, концерт в 18:00')).toMatchObject({
      relevant: false,
    });
  });

  it('when two posts name the same street and problem, then they group; a different street does not', () => {
    const c = [{ post: { text: 'Прорыв трубы на ул. Мира, вода хлещет', places: ['мира'], appealId: 7 } }];
    expect(chooseIncident('На Мира прорыв трубы, затопило', ['мира'], c, DEFAULT_GROUPING)).toBe(7);
    expect(chooseIncident('На Ленина прорыв трубы, вода хлещет', ['ленина'], c, DEFAULT_GROUPING)).toBeNull();
    expect(chooseIncident('Прорыв трубы, вода хлещет', [], c, DEFAULT_GROUPING)).toBe(7);
  });

  it('when sources come from the file and the environment, then each becomes one adapter', () => {
    const fx = writeConfigFixture({
      file: {
        municipality: { name: 'Тест' },
        monitor: {
          sources: [{ kind: 'rss', url: 'http://127.0.0.1:1/a.xml', interval: 10 }],
          retentionDays: 7,
        },
      },
      env: { MONITOR_TG_CHANNELS: 'city_news, @other_news', MONITOR_RSS_URLS: 'http://127.0.0.1:1/a.xml' },
    });
    try {
      const config = loadConfig(fx.env);
      expect(config.file.monitor).toMatchObject({ retentionDays: 7, alertAfterCycles: 3 });
      const sources = buildSources(config, { now: () => new Date() });
      expect(sources.map((s) => `${s.id}/${s.intervalMinutes}`)).toEqual([
        'rss:http://127.0.0.1:1/a.xml/10',
        'tg:city_news/5',
        'tg:other_news/5',
      ]);
      expect(() => loadConfig({ ...fx.env, MONITOR_VK_OWNERS: 'club1' })).toThrow(/VK_SERVICE_TOKEN/);
    } finally {
      fx.cleanup();
    }
  });
});
