// Stakers: a paged table of delegations and positions (one row per position).
import { addr, esc, units } from './format.js';
import { decimalsByStrategy, getJson, pageFromUrl, pager, run } from './page.js';

run(async () => {
  const page = pageFromUrl(25);
  const [stakers, u] = await Promise.all([getJson(`/api/state/stakers?offset=${page.offset}&limit=${page.limit}`), decimalsByStrategy()]);
  const rows = Object.entries(stakers.items).flatMap(([name, st]) => {
    const positions = Object.entries(st.positions);
    const first = `<td rowspan="${Math.max(positions.length, 1)}">${addr(name, true)}</td>
      <td rowspan="${Math.max(positions.length, 1)}" class="delegated-to">${addr(st.delegated_to)}</td>`;
    if (positions.length === 0) {
      return [`<tr data-staker="${esc(name)}">${first}<td colspan="3" class="empty">no positions</td></tr>`];
    }
    return positions.map(([strategy, p], i) => `<tr data-staker="${esc(name)}" data-strategy="${esc(strategy)}">${i === 0 ? first : ''}
      <td>${esc(strategy)}</td>
      <td class="num deposit-shares" title="${esc(p.deposit_shares)} base units">${units(p.deposit_shares, u.of(strategy))}</td>
      <td class="num withdrawable-shares" title="${esc(p.withdrawable_shares)} base units">${units(p.withdrawable_shares, u.of(strategy))}</td></tr>`);
  });
  document.querySelector('#stakers tbody').innerHTML = rows.length ? rows.join('') : '<tr><td colspan="5" class="empty">No stakers on this page.</td></tr>';
  pager(document.getElementById('pager'), page, stakers.total);
});
