import { hamming } from './fingerprint.js';

/**
 * Finds near-duplicates among SimHashes. The 64 bits are cut into
 * `threshold + 1` bands; two hashes within `threshold` bits agree exactly on at
 * least one band (pigeonhole), so only hashes sharing a band are compared.
 */
export class NearDuplicateIndex {
  private readonly bands: Array<Map<string, number[]>>;
  private readonly cuts: Array<[number, number]>;
  private readonly hashes = new Map<number, string>();

  constructor(readonly threshold: number) {
    if (!Number.isInteger(threshold) || threshold < 0 || threshold > 15) {
      throw new Error(`dedup: near-duplicate threshold must be an integer 0…15 bits, got ${threshold}`);
    }
    const n = threshold + 1;
    this.cuts = Array.from({ length: n }, (_, i) => [Math.floor((i * 16) / n), Math.floor(((i + 1) * 16) / n)]);
    this.bands = this.cuts.map(() => new Map());
  }

  add(id: number, hash: string): void {
    this.hashes.set(id, hash);
    this.cuts.forEach(([a, b], i) => {
      const key = hash.slice(a, b);
      const list = this.bands[i]!.get(key);
      if (list) list.push(id);
      else this.bands[i]!.set(key, [id]);
    });
  }

  /** Give a stored hash a new id (a provisional id becoming the stored one). */
  replace(oldId: number, newId: number): void {
    const hash = this.hashes.get(oldId);
    if (hash === undefined) return;
    this.hashes.delete(oldId);
    this.hashes.set(newId, hash);
    this.cuts.forEach(([a, b], i) => {
      const list = this.bands[i]!.get(hash.slice(a, b));
      const at = list?.indexOf(oldId) ?? -1;
      if (list && at >= 0) list[at] = newId;
    });
  }

  /** The closest stored id within the threshold, with its distance. */
  nearest(hash: string): { id: number; distance: number } | undefined {
    let best: { id: number; distance: number } | undefined;
    const seen = new Set<number>();
    this.cuts.forEach(([a, b], i) => {
      for (const id of this.bands[i]!.get(hash.slice(a, b)) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const d = hamming(hash, this.hashes.get(id)!);
        if (d <= this.threshold && (!best || d < best.distance || (d === best.distance && id < best.id))) best = { id, distance: d };
      }
    });
    return best;
  }

  get size(): number {
    return this.hashes.size;
  }
}
