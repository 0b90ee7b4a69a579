// A seeded random generator for tests on randomised data (mulberry32): the same data on every run.
export function seededRandom(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** One of `xs`. */
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  /** Each of `xs` with probability p. */
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => next() < p);
  /** A calendar day (YYYY-MM-DD) in [from, to]. */
  const day = (from: string, to: string) => {
    const a0 = Date.parse(from),
      b0 = Date.parse(to);
    return new Date(a0 + Math.floor(next() * ((b0 - a0) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
  };
  return { next, pick, some, day };
}
