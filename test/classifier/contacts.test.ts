import { describe, expect, it } from 'vitest';
import { findContacts, maskContacts } from '../../src/core/text/contacts.ts';

describe('contacts', () => {
  it.each([
    ['+7 (903) 123-45-67', '+79031234567'],
    ['8 903 123 45 67', '+79031234567'],
    ['8-4712-51-23-45', '+74712512345'],
    ['8.903.123.45.67', '+79031234567'],
    ['+79031234567', '+79031234567'],
  ])('when a text holds the phone %s, then it is found as %s', (phone, canonical) => {
    expect(findContacts(`Звоните ${phone} вечером`).phones).toEqual([canonical]);
  });

  it('when a text holds an e-mail, then it is found in lower case', () => {
    expect(findContacts('пишите на Ivan.Petrov@Mail.ru срочно').emails).toEqual(['ivan.petrov@mail.ru']);
  });

  it('when a text holds a house number or a date, then it is not a phone', () => {
    expect(findContacts('ул. Садовая 12, кв 34, с 12.07.2021, 2022 год').phones).toEqual([]);
  });

  it('when a text is masked, then no phone or e-mail is left', () => {
    const masked = maskContacts('Иван, +7 903 123-45-67, ivan@mail.ru, дом 5');
    expect(masked).toBe('Иван, [телефон], [e-mail], дом 5');
    expect(findContacts(masked)).toEqual({ phones: [], emails: [] });
  });

  it('when the text is empty, then nothing is found', () => {
    expect(findContacts('')).toEqual({ phones: [], emails: [] });
    expect(maskContacts('')).toBe('');
  });
});
