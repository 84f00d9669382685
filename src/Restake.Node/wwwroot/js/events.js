// Live event feed: the log's recent entries, then each new one from the server-sent-events stream.
import { addr, esc, short } from './format.js';
import { getJson, run } from './page.js';

const KEEP = 200;
const shown = new Set();

function row(entry) {
  const events = entry.events ?? [];
  const chips = events.length === 0 ? '<span class="empty">none</span>'
    : events.map(e => `<span class="chip">${esc(e.event ?? '?')}</span>`).join('');
  const details = events.length === 0 ? '' : `<details><summary>fields</summary><pre>${esc(JSON.stringify(events, null, 1))}</pre></details>`;
  return `<td class="num height">${esc(entry.height)}</td><td class="num">${esc(entry.block)}</td><td>${esc(entry.kind)}</td>
    <td class="verb">${esc(entry.verb ?? '')}</td><td>${entry.from ? addr(entry.from) : ''}</td>
    <td class="mono tx-hash" title="${esc(entry.tx_hash ?? '')}" data-tx="${esc(entry.tx_hash ?? '')}">${esc(entry.tx_hash ? short(entry.tx_hash) : '')}</td>
    <td class="event-names">${chips}${details}</td>`;
}

/** Puts an entry in height order (newest on top), once, and keeps the table to its newest KEEP rows. */
function add(entry, fresh) {
  if (shown.has(entry.height)) return;
  shown.add(entry.height);
  const body = document.querySelector('#events tbody');
  body.querySelector('tr.placeholder')?.remove();
  const tr = document.createElement('tr');
  tr.dataset.height = entry.height;
  if (fresh) tr.className = 'fresh';
  tr.innerHTML = row(entry);
  const after = [...body.rows].find(r => Number(r.dataset.height) < entry.height);
  body.insertBefore(tr, after ?? null);
  while (body.rows.length > KEEP) {
    shown.delete(Number(body.rows[body.rows.length - 1].dataset.height));
    body.deleteRow(body.rows.length - 1);
  }
}

function live(text, ok) {
  const badge = document.getElementById('live');
  badge.textContent = text;
  badge.className = `badge ${ok ? 'live' : 'down'}`;
}

/** Reads the entries committed since the newest one shown, at most the newest KEEP (on first load: the newest 100). */
async function catchUp(first) {
  const height = (await getJson('/api/status')).height;
  let after = Math.max(0, height - (first ? 100 : KEEP));
  if (!first && shown.size > 0) after = Math.max(after, ...shown);
  for (;;) {
    const page = await getJson(`/api/events?after=${after}&limit=100`);
    page.entries.forEach(entry => add(entry, false));
    if (page.entries.length < 100) return;
    after = page.entries.at(-1).height;
  }
}

run(async () => {
  // Subscribe first, then read what is already there: nothing committed in between is missed (heights dedupe).
  // After a reconnect the stream resumes with new entries only, so catch up on what came in meanwhile.
  const stream = new EventSource('/api/events/stream');
  let opened = false;
  stream.addEventListener('open', () => {
    live('live', true);
    if (opened) catchUp(false).catch(() => live('reconnecting', false));
    opened = true;
  });
  stream.addEventListener('error', () => live('reconnecting', false));
  stream.addEventListener('entry', e => add(JSON.parse(e.data), true));
  window.addEventListener('pagehide', () => stream.close());
  await catchUp(true);
  if (shown.size === 0) {
    document.querySelector('#events tbody').innerHTML = '<tr class="placeholder"><td colspan="7" class="empty">The log is empty.</td></tr>';
  }
});
