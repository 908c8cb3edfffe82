/**
 * Phone numbers and e-mails in residents' texts. Pure: digests and exports mask them
 * so that personal data does not travel further than it must.
 */

// +7/8 then 10 digits in any grouping: «+7 (903) 123-45-67», «8-4712-51-23-45», «8.903.123.45.67».
const PHONE = /(?<![\p{L}\d])(?:\+7|8)[\s.(-]*\d(?:[\s.()-]*\d){9}(?![\d])/gu;
// Local city numbers written alone: «51-23-45», «2-34-56».
const LOCAL_PHONE = /(?<![\d\-.])\d{1,3}-\d{2}-\d{2}(?![\d-])/g;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;

export interface Contacts {
  phones: string[];
  emails: string[];
}

/** Canonical +7XXXXXXXXXX for full numbers; the digits for local ones. */
function canonicalPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return digits.length === 11 ? `+7${digits.slice(1)}` : digits;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function findContacts(text: string): Contacts {
  if (typeof text !== 'string' || text === '') return { phones: [], emails: [] };
  const emails = text.match(EMAIL) ?? [];
  const withoutEmails = text.replace(EMAIL, ' ');
  const full = withoutEmails.match(PHONE) ?? [];
  const local = withoutEmails.replace(PHONE, ' ').match(LOCAL_PHONE) ?? [];
  return {
    phones: unique([...full, ...local].map(canonicalPhone)),
    emails: unique(emails.map((e) => e.toLowerCase())),
  };
}

export function maskContacts(text: string): string {
  if (typeof text !== 'string' || text === '') return '';
  return text.replace(EMAIL, '[e-mail]').replace(PHONE, '[телефон]').replace(LOCAL_PHONE, '[телефон]');
}
