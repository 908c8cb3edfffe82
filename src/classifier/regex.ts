/**
 * JavaScript's \b knows only ASCII letters; this rewrites \b into a Cyrillic-aware word
 * boundary. Plain character classes keep it cheap (\p{L} look-behinds cost ~10× more).
 */
const L = '[а-яёa-z0-9]';
const BOUNDARY = `(?:(?<!${L})(?=${L})|(?<=${L})(?!${L}))`;

export function ru(re: RegExp): RegExp {
  return new RegExp(re.source.replaceAll('\\b', BOUNDARY), re.flags);
}
