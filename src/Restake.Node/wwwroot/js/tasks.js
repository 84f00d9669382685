// AVS tasks: per deployed AVS, its rules, and each task with its answers, quorum, challenges and slashes.
import { addr, esc, percent, units, wadPercent } from './format.js';
import { getJson, run } from './page.js';

const STATUS = { open: 'queued', responded: 'live', final: 'completed', quorum_missed: 'slashed' };
const LABEL = { open: 'open', responded: 'quorum reached', final: 'quorum reached · final', quorum_missed: 'quorum missed' };

function reports(task) {
  const chips = Object.entries(task.reports).map(([op, r]) =>
    `<span class="chip report${r.slashed ? ' slashed' : ''}" data-operator="${esc(op)}" title="${esc(op)}: ${esc(r.value)}${r.backs ? ' (backs the result)' : ''}">`
    + `${addr(op)} <b class="value">${esc(r.value)}</b>${r.slashed ? ' <span class="badge slashed">slashed</span>' : ''}</span>`).join('');
  const silent = task.silent.map(op => `<span class="chip silent" data-operator="${esc(op)}">${addr(op)} silent</span>`).join('');
  return chips + silent || '<span class="empty">—</span>';
}

function stake(task) {
  const rows = Object.entries(task.stake).map(([s, v]) =>
    `<span class="stake" data-strategy="${esc(s)}" title="${esc(v.backed)} of ${esc(v.total)} base units">${esc(s)} ${units(v.backed)} / ${units(v.total)} (${percent(v.backed, v.total)})</span>`);
  return rows.join('<br>') || '<span class="empty">—</span>';
}

function taskRow(task) {
  const challenges = task.challenges.map(c => `<span class="chip challenge" title="by ${esc(c.challenger)} at block ${esc(c.block)}">${addr(c.operator)} answered ${esc(c.reported)}</span>`).join('');
  return `<tr data-task="${esc(task.id)}">
    <td class="num">${esc(task.id)}</td><td>${esc(task.type)} <b>${esc(task.input)}</b></td>
    <td class="num">${esc(task.reference_block)}</td>
    <td><span class="badge status ${STATUS[task.status] ?? ''}" data-status="${esc(task.status)}">${esc(LABEL[task.status] ?? task.status)}</span></td>
    <td class="num accepted">${task.accepted === null || task.accepted === undefined ? '<span class="empty">—</span>' : esc(task.accepted)}</td>
    <td class="reports">${reports(task)}</td>
    <td class="num">${stake(task)}</td>
    <td class="challenges">${challenges || '<span class="empty">none</span>'}</td>
    <td>${task.rewards_paid ? '<span class="badge completed">paid</span>' : '<span class="empty">—</span>'}</td></tr>`;
}

function avsCard(avs, d) {
  const tasks = d.tasks;
  const reached = tasks.filter(t => t.status === 'responded' || t.status === 'final').length;
  const missed = tasks.filter(t => t.status === 'quorum_missed').length;
  const slashes = tasks.reduce((n, t) => n + t.challenges.length, 0);
  const quorum = Object.entries(d.quorum).map(([s, p]) => `<span class="chip">${esc(s)} ≥ ${esc(p)}%</span>`).join('');
  const body = tasks.length === 0 ? '<p class="empty">No tasks yet.</p>'
    : `<table><thead><tr><th class="num">Task</th><th>Question</th><th class="num">Reference block</th><th>Status</th><th class="num">Accepted</th>
        <th>Answers</th><th class="num">Stake backing / total</th><th>Challenges (slashed)</th><th>Rewards</th></tr></thead>
        <tbody>${[...tasks].reverse().map(taskRow).join('')}</tbody></table>`;
  return `<section class="card avs-tasks" data-avs="${esc(avs)}">
    <h2>${esc(d.kind)} · AVS ${addr(avs, true)}</h2>
    <p class="note">operator set ${esc(d.set)} · quorum ${quorum} · answers within ${esc(d.response_window_blocks)} blocks, challenges within
      ${esc(d.challenge_window_blocks)} · a proven fault slashes ${wadPercent(d.slash.wad)} of ${d.slash.strategies.map(esc).join(', ')}
      · ${Object.keys(d.keys).length} BLS keys</p>
    <p class="counts"><span class="count tasks">${tasks.length}</span> tasks · quorum reached <span class="count reached">${reached}</span>
      · missed <span class="count missed">${missed}</span> · slashes <span class="count slashes">${slashes}</span></p>
    ${body}</section>`;
}

run(async () => {
  const all = await getJson('/api/avs-tasks');
  const cards = Object.entries(all).map(([avs, d]) => avsCard(avs, d));
  document.getElementById('avs-tasks').innerHTML = cards.length ? cards.join('')
    : '<section class="card empty">No AVS is deployed yet: send avs_deploy, or run <code>restake avs run squaring</code>.</section>';
});
