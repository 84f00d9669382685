// Withdrawals queue: every withdrawal with its status and the block from which it can complete.
import { addr, esc, units } from './format.js';
import { decimalsByStrategy, getJson, pageFromUrl, pager, run } from './page.js';

function when(w, block) {
  if (w.status !== 'queued') return esc(w.completable_block);
  const wait = w.completable_block - block;
  return `${esc(w.completable_block)} <span class="badge${wait <= 0 ? ' completed' : ''}">${wait <= 0 ? 'ready' : `in ${wait} blocks`}</span>`;
}

run(async () => {
  const page = pageFromUrl(50);
  const [list, status, u] = await Promise.all([
    getJson(`/api/state/withdrawals?offset=${page.offset}&limit=${page.limit}`),
    getJson('/api/status'),
    decimalsByStrategy(),
  ]);
  const rows = Object.entries(list.items).map(([id, w]) => {
    const shares = w.shares ?? w.scaled_shares;
    return `<tr data-withdrawal="${esc(id)}">
      <td class="mono id">${esc(id)}</td>
      <td>${addr(w.staker)}</td>
      <td>${addr(w.delegated_to)}</td>
      <td>${esc(w.strategy)}</td>
      <td class="num shares" title="${esc(shares)} base units">${units(shares, u.of(w.strategy))}</td>
      <td><span class="badge status ${esc(w.status)}">${esc(w.status)}</span></td>
      <td class="num">${esc(w.start_block)}</td>
      <td class="num completable">${when(w, status.block)}</td></tr>`;
  });
  document.querySelector('#withdrawals tbody').innerHTML = rows.length ? rows.join('') : '<tr><td colspan="8" class="empty">No withdrawals have been queued.</td></tr>';
  pager(document.getElementById('pager'), page, list.total);
});
