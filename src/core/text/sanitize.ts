/** Cleans a resident's text before it becomes an appeal; every change is recorded as a note. */

export const MAX_TEXT_LENGTH = 10_000;

export interface SanitizedText {
  text: string;
  /** Why the text was changed, e.g. "truncated from 25000 to 10000 characters". */
  notes: string[];
}

// C0/C1 controls except tab and newline, plus zero-width and bidi overrides used to hide text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

export function sanitizeText(raw: string, maxLength = MAX_TEXT_LENGTH): SanitizedText {
  const notes: string[] = [];
  let text = raw.replace(/\r\n?/g, '\n');
  const stripped = text.replace(CONTROL, '');
  if (stripped.length !== text.length) {
    notes.push(`removed ${text.length - stripped.length} control characters`);
    text = stripped;
  }
  text = text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length > maxLength) {
    notes.push(`truncated from ${text.length} to ${maxLength} characters`);
    // Do not cut a surrogate pair in half.
    const cut = /[\uD800-\uDBFF]/.test(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
    text = text.slice(0, cut);
  }
  return { text, notes };
}
