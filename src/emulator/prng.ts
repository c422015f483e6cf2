// All emulator data comes from here: Math.random would make two runs disagree.

/** A seeded source of pseudo-random values with the helpers the generators need. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A new array with the same elements in a random order. */
  shuffle<T>(items: readonly T[]): T[];
  /** `n` lowercase hexadecimal digits. */
  hex(n: number): string;
  /** `n` base-36 characters (digits and lowercase letters). */
  base36(n: number): string;
  /** A random version-4-shaped UUID. */
  uuid(): string;
}

/** Creates a mulberry32 generator: tiny, fast and good enough for fake data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const digits = (n: number, radix: number): string => {
    let out = '';
    for (let i = 0; i < n; i += 1) out += int(0, radix - 1).toString(radix);
    return out;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i -= 1) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
    hex: (n) => digits(n, 16),
    base36: (n) => digits(n, 36),
    uuid: () => {
      const variant = (8 + int(0, 3)).toString(16);
      return `${digits(8, 16)}-${digits(4, 16)}-4${digits(3, 16)}-${variant}${digits(3, 16)}-${digits(12, 16)}`;
    },
  };
}

/** Hashes a string to 32 bits (FNV-1a), to derive a stable sub-seed from an id. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes several 32-bit values into one, so (process, metric, time) gives an independent draw. */
export function mix(...values: number[]): number {
  let hash = 0x9e3779b9;
  for (const value of values) {
    hash ^= value >>> 0;
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash ^= hash >>> 16;
  }
  return hash >>> 0;
}

/** A float in [0, 1) fully determined by its inputs. */
export function unitFrom(...values: number[]): number {
  return mix(...values) / 4294967296;
}
