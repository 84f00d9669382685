// Operators: delegated stake per strategy, delegators, operator sets, and how concentrated stake is.
import { concentration } from './concentration.js';
import { addr, esc, group, percent, units } from './format.js';
import { decimalsByStrategy, getSection, run } from './page.js';

/** Shares scaled to 18 decimals, so strategies of 6- and 18-decimal tokens add up in whole units. */
function to18(raw, decimals) {
  const v = BigInt(raw);
  return decimals <= 18 ? v * 10n ** BigInt(18 - decimals) : v / 10n ** BigInt(decimals - 18);
}

function fact(label, value, id) {
  return `<div class="fact"><div class="label">${esc(label)}</div><div class="value" id="${id}">${esc(value)}</div></div>`;
}

run(async () => {
  const [operators, u] = await Promise.all([getSection('operators'), decimalsByStrategy()]);
  const stakes = Object.entries(operators).map(([name, op]) => ({
    name,
    stake: Object.entries(op.delegated_shares).reduce((sum, [strategy, shares]) => sum + to18(shares, u.of(strategy)), 0n),
  }));
  const c = concentration(stakes);
  document.getElementById('concentration').innerHTML = [
    fact('Operators', group(String(stakes.length)), 'operator-count'),
    fact('With stake', group(String(c.ranked.length)), 'staked-count'),
    fact('Total delegated', units(c.total.toString()), 'total-delegated'),
    fact('HHI', group(c.hhi.toString()), 'hhi'),
    fact('Nakamoto coefficient (>1/3)', String(c.nakamoto), 'nakamoto'),
  ].join('');

  const stakeOf = Object.fromEntries(stakes.map(s => [s.name, s.stake]));
  const order = [...stakes].sort((a, b) => (b.stake > a.stake ? 1 : b.stake < a.stake ? -1 : a.name.localeCompare(b.name)));
  const rows = order.map(({ name }) => {
    const op = operators[name];
    const shares = Object.entries(op.delegated_shares).filter(([, v]) => BigInt(v) > 0n);
    const lines = shares.length === 0 ? '<span class="empty">none</span>'
      : `<ul class="lines">${shares.map(([s, v]) => `<li data-strategy="${esc(s)}"><span class="sym">${esc(s)}</span> <span class="amount">${units(v, u.of(s))}</span></li>`).join('')}</ul>`;
    const share = c.total === 0n ? 0n : (stakeOf[name] * 100n) / c.total;
    const sets = op.sets.length === 0 ? '<span class="empty">none</span>' : op.sets.map(k => `<span class="chip">${esc(k)}</span>`).join('');
    return `<tr data-operator="${esc(name)}">
      <td>${addr(name, true)}</td>
      <td class="num delegators">${esc(op.delegators)}</td>
      <td class="stake">${lines}</td>
      <td class="num total">${units(stakeOf[name].toString())}</td>
      <td class="share"><div class="bar"><span style="width:${share}%"></span></div> ${percent(stakeOf[name], c.total)}</td>
      <td class="sets">${sets}</td>
      <td class="num">${esc(op.allocation_delay)} blocks</td></tr>`;
  });
  document.querySelector('#operators tbody').innerHTML = rows.length ? rows.join('') : '<tr><td colspan="7" class="empty">No operators have registered yet.</td></tr>';
});
