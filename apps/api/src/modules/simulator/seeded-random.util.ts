/**
 * Counter-based randomness: every draw is a hash of (seed, keys…), so a value can be computed for
 * any device and any instant without replaying a generator from the start. Same keys, same number;
 * Math.random is never used, so the same seed always gives the same city.
 */

const TWO_POW_32 = 4_294_967_296;

/** The murmur3 finaliser: spreads every input bit over the whole 32-bit word. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a string (FNV-1a, finalised), for turning ids and metric names into keys. */
export function hashString(text: string): number {
  let h = 0x811c_9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x0100_0193);
  }
  return fmix32(h);
}

/** A 32-bit hash of up to four integer keys; numbers beyond 32 bits (epoch milliseconds) are folded in whole. */
export function hashKeys(seed: number, a: number, b = 0, c = 0): number {
  let h = fmix32(seed ^ 0x9e37_79b9);
  h = fmix32(h ^ fold(a));
  h = fmix32((h + 0x7f4a_7c15) ^ fold(b));
  h = fmix32((h + 0x27d4_eb2f) ^ fold(c));
  return h;
}

/** A uniform number in [0, 1) for the given keys. */
export function unitRandom(seed: number, a: number, b = 0, c = 0): number {
  return hashKeys(seed, a, b, c) / TWO_POW_32;
}

/** Zero-mean noise in [-1, 1] with a triangular distribution: most draws small, a few large. */
export function centredNoise(seed: number, a: number, b = 0, c = 0): number {
  return unitRandom(seed, a, b, c) + unitRandom(seed ^ 0x5bd1_e995, a, b, c) - 1;
}

/** A Poisson count with mean `lambda` from one uniform draw (normal approximation for large means). */
export function poissonFromUnit(lambda: number, u: number, v: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) {
    // Box–Muller with the two uniforms; a Poisson this large is close to normal.
    const normal = Math.sqrt(-2 * Math.log(Math.max(u, 1e-12))) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal));
  }
  let k = 0;
  let p = Math.exp(-lambda);
  let cumulative = p;
  while (u > cumulative && k < 200) {
    k++;
    p *= lambda / k;
    cumulative += p;
  }
  return k;
}

/**
 * A small sequential generator (mulberry32) for things that are not a function of time, such as
 * retry jitter and load-test ordering; seeded, so a run can be repeated.
 */
export function sequentialRandom(seed: number): () => number {
  let state = hashKeys(seed, 0x1234_5678);
  return () => {
    state = (state + 0x6d2b_79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };
}

function fold(value: number): number {
  if (value >= 0 && value < TWO_POW_32 && Number.isInteger(value)) return value >>> 0;
  const integer = Math.floor(value);
  const high = Math.floor(integer / TWO_POW_32);
  return (integer >>> 0) ^ fmix32(high + 0x3c6e_f372);
}
