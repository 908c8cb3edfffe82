/** Settlement, street and organisation mentions from the configured gazetteer. */
import type { Gazetteer, PlaceMentions } from '../core/classification.ts';

interface Entry {
  name: string;
  /** Stem-like prefixes of each word, so «ул. Садовой» finds «Садовая». */
  parts: string[];
}

export interface CompiledGazetteer {
  settlements: Entry[];
  streets: Entry[];
  organisations: Entry[];
}

function prefixOf(word: string): string {
  return word.length > 4 ? word.slice(0, Math.max(4, word.length - 2)) : word;
}

function compileList(names: string[] | undefined): Entry[] {
  return (names ?? [])
    .filter((n) => typeof n === 'string' && n.trim() !== '')
    .map((name) => ({
      name,
      parts: name
        .toLowerCase()
        .replace(/ё/g, 'е')
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .map(prefixOf),
    }))
    .filter((e) => e.parts.length > 0);
}

export function compileGazetteer(g: Gazetteer | undefined): CompiledGazetteer {
  return {
    settlements: compileList(g?.settlements),
    streets: compileList(g?.streets),
    organisations: compileList(g?.organisations),
  };
}

function found(entries: Entry[], words: string[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const hit = words.some((_, i) => e.parts.every((p, j) => words[i + j]?.startsWith(p) ?? false));
    if (hit) out.push(e.name);
  }
  return out;
}

export function findPlaces(g: CompiledGazetteer, words: string[]): PlaceMentions {
  return {
    settlements: found(g.settlements, words),
    streets: found(g.streets, words),
    organisations: found(g.organisations, words),
  };
}
