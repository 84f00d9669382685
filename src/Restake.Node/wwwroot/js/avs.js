// AVSs: operator sets (strategies, members, slash count) and each member's slashable stake.
import { addr, esc, units, wadPercent } from './format.js';
import { decimalsByStrategy, getSection, run } from './page.js';

function member(operator, key, set, operators, u) {
  const op = operators[operator];
  const slashable = op?.slashable_stake?.[key];
  const cells = set.strategies.map(s => {
    const allocated = op?.allocations?.[key]?.[s]?.current ?? '0';
    const stake = slashable?.[s];
    return `<td class="num slashable" data-strategy="${esc(s)}" title="${esc(stake ?? "")} base units">${stake === undefined ? '<span class="empty">—</span>' : units(stake, u.of(s))}</td>
      <td class="num allocated" data-strategy="${esc(s)}">${wadPercent(allocated)}</td>`;
  }).join('');
  const state = slashable === undefined ? '<span class="badge">not slashable</span>' : '<span class="badge live">slashable</span>';
  return `<tr data-operator="${esc(operator)}"><td>${addr(operator, true)}</td>${cells}<td>${state}</td></tr>`;
}

function operatorSet(avs, id, set, operators, u) {
  const key = `${avs}/${id}`;
  const head = set.strategies.map(s => `<th class="num">Slashable ${esc(s)}</th><th class="num">Allocated</th>`).join('');
  const members = set.operators.length === 0
    ? `<tr><td colspan="${2 + 2 * set.strategies.length}" class="empty">No members yet.</td></tr>`
    : set.operators.map(o => member(o, key, set, operators, u)).join('');
  return `<div class="operator-set" data-set="${esc(key)}">
    <h3>Operator set ${esc(id)}
      · strategies ${set.strategies.map(s => `<span class="chip">${esc(s)}</span>`).join('')}
      · <span class="members-count">${set.operators.length}</span> members
      · <span class="badge${set.slash_count > 0 ? ' slashed' : ''}">slashed <span class="slash-count">${esc(set.slash_count)}</span>×</span></h3>
    <table><thead><tr><th>Member</th>${head}<th>Status</th></tr></thead><tbody>${members}</tbody></table></div>`;
}

run(async () => {
  const [avss, operators, u] = await Promise.all([getSection('avs'), getSection('operators'), decimalsByStrategy()]);
  const cards = Object.entries(avss).map(([name, avs]) => {
    const sets = Object.entries(avs.sets);
    const body = sets.length === 0 ? '<p class="empty">No operator sets yet.</p>'
      : sets.map(([id, set]) => operatorSet(name, id, set, operators, u)).join('');
    return `<section class="card avs" data-avs="${esc(name)}"><h2>AVS ${addr(name, true)}</h2>${body}</section>`;
  });
  document.getElementById('avss').innerHTML = cards.length ? cards.join('') : '<section class="card empty">No AVS has registered yet.</section>';
});
