import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_SECTORS } from '../../src/classifier/default-catalogue.ts';
import { DEFAULT_SECTOR_CODES } from '../../src/core/sectors.ts';

const shipped = parse(
  readFileSync(path.resolve(import.meta.dirname, '../../config/sectors.yaml'), 'utf8'),
) as {
  sectors: Array<Record<string, unknown>>;
};

describe('the shipped sector catalogue', () => {
  it('when config/sectors.yaml is read, then it has the 12 default blocks in order', () => {
    expect(shipped.sectors.map((s) => s.code)).toEqual([...DEFAULT_SECTOR_CODES]);
  });

  it.each(DEFAULT_SECTORS.map((d) => [d.code, d] as const))(
    'when block %s is compared with the classifier defaults, then names, keywords, phrases and priorities agree',
    (code, d) => {
      const s = shipped.sectors.find((x) => x.code === code)!;
      expect([s.name, s.keywords, s.phrases, s.negativeKeywords, s.priority]).toEqual([
        d.name,
        d.keywords,
        d.phrases,
        d.negativeKeywords,
        d.priority,
      ]);
    },
  );
});
