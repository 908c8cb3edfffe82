import { describe, expect, it } from 'vitest';
import { residentPseudonym } from '../../src/core/privacy.ts';

describe('resident pseudonyms', () => {
  it('when the same resident appears twice, then the pseudonym is the same and shows no personal data', () => {
    expect(residentPseudonym(42)).toBe(residentPseudonym(42));
    expect(residentPseudonym(42)).toBe('Ж-0016');
    expect(residentPseudonym(43)).not.toBe(residentPseudonym(42));
  });

  it('when an appeal has no resident (a monitored post), then a placeholder is shown', () => {
    expect(residentPseudonym(null)).toBe('Ж-—');
  });
});
