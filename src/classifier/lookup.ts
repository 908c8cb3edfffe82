/**
 * Fast feature lookup for the hot path. A model names its features («w:мусор», «c:<мус»,
 * «b:яма_дорог»), which explanations need, but building those strings and looking them up
 * in a Map cost most of a classification. Instead every name maps to a 64-bit key computed
 * from its parts — a char 4-gram packs its four UTF-16 codes exactly, a word is hashed
 * twice (FNV-1a and a murmur-style mix), a bigram combines its two word keys — so the
 * extractor computes the same key from the stems without building any string, and an
 * open-addressing table maps keys to rows. The table is derived from the model's names,
 * not stored, so the model file format is unchanged.
 */
import type { Model } from './model.ts';

/** The two halves of the last key computed (module state: no allocation per feature). */
export let k1 = 0;
export let k2 = 0;

/** Word key: two independent 32-bit hashes of the stem. */
export function wordKey(s: string): void {
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  k1 = a;
  k2 = b;
}

/** Bigram key from its two word keys; asymmetric, so «a b» and «b a» differ. */
export function bigramKey(a1: number, a2: number, b1: number, b2: number): void {
  k1 = Math.imul(a1 ^ 0x2545f491, 0x9e3779b1) ^ b1;
  k2 = Math.imul(a2 ^ 0x68e31da4, 0x85ebca6b) ^ Math.imul(b2, 0xc2b2ae35) ^ 0x1b873593;
}

/** Char 4-gram key: the four codes packed exactly (Cyrillic fits 16 bits), tagged apart from words. */
export function gramKey(c0: number, c1: number, c2: number, c3: number): void {
  k1 = ((c0 << 16) | c1) ^ 0x5a5a0000;
  k2 = ((c2 << 16) | c3) ^ 0x00a5a5a5;
}

/** Sets k1/k2 from a feature name as features.ts writes it; false for an unknown kind. */
export function nameKey(name: string): boolean {
  const body = name.slice(2);
  if (name.startsWith('w:')) wordKey(body);
  else if (name.startsWith('c:') && body.length === 4) {
    gramKey(body.charCodeAt(0), body.charCodeAt(1), body.charCodeAt(2), body.charCodeAt(3));
  } else if (name.startsWith('b:') && body.includes('_')) {
    const cut = body.indexOf('_'); // stems are [а-яa-z0-9]+: the first «_» is the joint
    wordKey(body.slice(0, cut));
    const [a1, a2] = [k1, k2];
    wordKey(body.slice(cut + 1));
    bigramKey(a1, a2, k1, k2);
  } else return false;
  return true;
}

export interface Lookup {
  mask: number;
  /** Interleaved [key1, key2, row + 1] per slot, one cache line per probe; row 0 = empty. */
  slots: Int32Array;
  /** Row → feature name, for explanations. */
  names: string[];
}

const home = (t: Lookup): number => (Math.imul(k1 ^ Math.imul(k2, 0x27d4eb2d), 0x9e3779b1) >>> 7) & t.mask;

function insert(t: Lookup, row: number): void {
  const s = t.slots;
  let at = home(t);
  while (s[at * 3 + 2] !== 0) {
    // Two names with the same 64-bit key: the first keeps the slot (never seen in practice).
    if (s[at * 3] === k1 && s[at * 3 + 1] === k2) return;
    at = (at + 1) & t.mask;
  }
  s[at * 3] = k1;
  s[at * 3 + 1] = k2;
  s[at * 3 + 2] = row + 1;
}

/** Row of the last key computed, or -1 when the model lacks that feature. */
export function keyRow(t: Lookup): number {
  const s = t.slots;
  let at = home(t);
  for (;;) {
    const i = at * 3;
    const row = s[i + 2] ?? 0;
    if (row === 0) return -1;
    if (s[i] === k1 && s[i + 1] === k2) return row - 1;
    at = (at + 1) & t.mask;
  }
}

function build(model: Pick<Model, 'index'>): Lookup {
  let size = 16;
  while (size < model.index.size * 4) size *= 2; // load factor ≤ ¼: short probes
  const t: Lookup = { mask: size - 1, slots: new Int32Array(size * 3), names: new Array(model.index.size) };
  for (const [name, row] of model.index) {
    t.names[row] = name;
    if (nameKey(name)) insert(t, row);
  }
  return t;
}

const cache = new WeakMap<object, Lookup>();

/** The lookup table of a model, built once per model (keyed by its index map). */
export function lookupOf(model: Pick<Model, 'index'>): Lookup {
  let t = cache.get(model.index);
  if (!t) {
    t = build(model);
    cache.set(model.index, t);
  }
  return t;
}
