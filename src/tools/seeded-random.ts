/** A seeded generator in [0, 1), so that a draw can be repeated item for item. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** `count` items drawn without replacement, in draw order (a partial Fisher–Yates shuffle). */
export function drawSample<T>(items: readonly T[], count: number, seed: number): T[] {
  const next = seededRandom(seed);
  const pool = [...items];
  const drawn: T[] = [];
  for (let i = 0; i < Math.min(count, pool.length); i++) {
    const at = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[at]] = [pool[at] as T, pool[i] as T];
    drawn.push(pool[i] as T);
  }
  return drawn;
}
