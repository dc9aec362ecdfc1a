import { createHash } from 'node:crypto';

/** Lower-cased words, for hashing and shingling: punctuation and spacing never make two texts differ. */
export function hashWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** sha256 (hex) over the normalised word sequence: the exact-duplicate key. */
export function textHash(text: string | string[]): string {
  const words = typeof text === 'string' ? hashWords(text) : text;
  return createHash('sha256').update(words.join(' ')).digest('hex');
}

/** FNV-1a, 32 bits. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: spreads every input bit over the output. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;

/**
 * 64-bit SimHash over word 3-shingles, as 16 hex digits. Texts that share
 * most shingles differ in few bits; `hamming` measures how many. Each word is
 * hashed once and shingle hashes are mixed from word hashes.
 */
export function simhash(text: string | string[]): string {
  const words = typeof text === 'string' ? hashWords(text) : text;
  const wh = new Uint32Array(words.length + 2);
  for (let i = 0; i < words.length; i++) wh[i] = fnv1a(words[i]!);
  const v = new Int32Array(64);
  const n = Math.max(1, words.length - 2);
  for (let i = 0; i < n; i++) {
    const a = wh[i]!;
    const b = rotl(wh[i + 1]!, 11);
    const c = rotl(wh[i + 2]!, 22);
    const hi = fmix(a ^ b ^ c ^ 0x9e3779b9);
    const lo = fmix((Math.imul(a, 3) + Math.imul(b, 5) + c + 0x7f4a7c15) >>> 0);
    for (let bit = 0; bit < 32; bit++) {
      v[bit] = v[bit]! + (((hi >>> bit) & 1) << 1) - 1;
      v[32 + bit] = v[32 + bit]! + (((lo >>> bit) & 1) << 1) - 1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b]! > 0) hi |= 1 << b;
    if (v[32 + b]! > 0) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of differing bits between two 16-hex-digit SimHashes. */
export function hamming(a: string, b: string): number {
  return (
    popcount((parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) >>> 0) +
    popcount((parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16)) >>> 0)
  );
}
