// Stake concentration over operators, in exact integers: each operator's share of the total,
// the Herfindahl-Hirschman index, and the Nakamoto coefficient at one third.

/**
 * @param {{name: string, stake: bigint}[]} operators stake in one common unit
 * @returns {{total: bigint, ranked: {name: string, stake: bigint}[], hhi: bigint, nakamoto: number}}
 *   hhi on the 0..10,000 scale (cut to a whole number); nakamoto = the fewest operators whose stake
 *   together is over one third of the total (0 when nobody holds stake).
 */
export function concentration(operators) {
  const ranked = operators.filter(o => o.stake > 0n).sort((a, b) => (b.stake > a.stake ? 1 : b.stake < a.stake ? -1 : a.name.localeCompare(b.name)));
  const total = ranked.reduce((sum, o) => sum + o.stake, 0n);
  if (total === 0n) return { total, ranked, hhi: 0n, nakamoto: 0 };
  const squares = ranked.reduce((sum, o) => sum + o.stake * o.stake, 0n);
  const hhi = (squares * 10000n) / (total * total);
  let held = 0n;
  let nakamoto = 0;
  for (const o of ranked) {
    held += o.stake;
    nakamoto += 1;
    if (held * 3n > total) break;
  }
  return { total, ranked, hhi, nakamoto };
}
