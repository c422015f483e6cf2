// "Did you mean": the one notion of a near name, shared by commands, flags and the field explainer.
// A leaf module: flag parsing imports it on the start-up path.

/** Edit distance with adjacent swaps (optimal string alignment), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The candidate closest to `word` when it is close enough to be a typo (as commander judges: 40% of the length). */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word, name);
    if (distance <= Math.max(1, Math.floor(name.length * 0.4)) && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** A name folded for forgiving matching: `sao paulo`, `Sao-Paulo` and `SAO_PAULO` all fold to `saopaulo`. */
export function foldName(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/g, '');
}

/** The candidate closest to `word` compared folded (case and separators ignored), returned as spelled. */
export function closestFolded(word: string, candidates: readonly string[]): string | undefined {
  const folded = candidates.map(foldName);
  const near = closestName(foldName(word), folded);
  return near === undefined ? undefined : candidates[folded.indexOf(near)];
}
