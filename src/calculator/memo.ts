// Memos of pure answers that repeat across a county-year (coverage years, money and rate
// text): a batch settles 150,000 claims on a few hundred dates and a few thousand amounts.
// Every memo is made here so that one call empties them all: bench:mutation switches the
// calculator's code between runs (globalThis.__mutant), and a memo filled under one version
// of the code must never answer for another (it would hide that version's rules).

const clearers: (() => void)[] = []

/** A memo (bounded by its user), emptied by resetCalculatorMemos. */
export function memo<K, V>(): Map<K, V> {
  const m = new Map<K, V>()
  clearers.push(() => m.clear())
  return m
}

/** A memo of texts for the whole numbers 0 … size − 1 ('' where not yet known), emptied by resetCalculatorMemos. */
export function textTable(size: number): string[] {
  // built element by element: a packed array (new Array(size) would stay holey, slower to read)
  const t: string[] = []
  for (let i = 0; i < size; i++) t.push('')
  clearers.push(() => t.fill(''))
  return t
}

/** Empty every memo (the mutation runner calls it whenever it switches the code). */
export function resetCalculatorMemos(): void {
  for (const clear of clearers) clear()
}
