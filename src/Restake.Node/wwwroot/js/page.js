// What every dashboard page shares: reading the node's API, the nav bar, and showing a failure
// as a message on the page (never as a stack trace).
import { esc } from './format.js';

const PAGES = [
  ['index.html', 'Overview'],
  ['operators.html', 'Operators'],
  ['avs.html', 'AVSs'],
  ['tasks.html', 'AVS tasks'],
  ['stakers.html', 'Stakers'],
  ['withdrawals.html', 'Withdrawals'],
  ['events.html', 'Events'],
];

/** GET a JSON document; a refusal becomes an Error carrying the node's own explanation. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(`${path}: ${body?.detail ?? body?.title ?? `HTTP ${response.status}`}`);
  }
  return body;
}

/** Every item of a state section, read a page at a time (the API caps a page at 1,000). */
export async function getSection(section) {
  const items = {};
  for (let offset = 0; ; offset += 1000) {
    const page = await getJson(`/api/state/${section}?offset=${offset}&limit=1000`);
    Object.assign(items, page.items);
    if (offset + 1000 >= page.total) return items;
  }
}

/** Decimals by strategy name, so shares and balances are shown in whole units of their token. */
export async function decimalsByStrategy() {
  const [tokens, strategies] = await Promise.all([getJson('/api/tokens'), getSection('strategies')]);
  const decimals = {};
  for (const [name, s] of Object.entries(strategies)) {
    decimals[name] = tokens[s.token]?.decimals ?? 18;
  }
  return { decimals, strategies, of: name => decimals[name] ?? 18 };
}

/** Draws the nav bar with the current page marked, and the chain id and block on the right. */
function nav() {
  const here = location.pathname.split('/').pop() || 'index.html';
  const bar = document.createElement('nav');
  bar.className = 'top';
  bar.innerHTML = `<span class="brand">Restake</span>`
    + PAGES.map(([href, label]) => `<a href="${href}"${href === here ? ' class="active" aria-current="page"' : ''}>${label}</a>`).join('')
    + `<span class="chain" id="chain-chip"></span>`;
  document.body.prepend(bar);
  getJson('/api/status').then(s => {
    document.getElementById('chain-chip').innerHTML = `chain ${esc(s.chain_id)} · block ${esc(s.block)} · <a href="/scalar/">API</a>`;
  }).catch(() => { /* the page itself reports an unreachable node */ });
}

/** A failure shown at the top of the page. */
export function showError(error) {
  const box = document.createElement('div');
  box.className = 'error';
  box.setAttribute('role', 'alert');
  box.textContent = `Could not load this page's data: ${error?.message ?? error}`;
  document.querySelector('main').prepend(box);
}

/**
 * Runs a page: nav bar, then its loader. When the data is on the page, body gets data-loaded="true"
 * (what the browser tests wait for).
 */
export function run(load) {
  nav();
  load()
    .catch(showError)
    .finally(() => { document.body.dataset.loaded = 'true'; });
}

/** The page of a paged table asked for in the address (?offset=&limit=), so every page has a URL. */
export function pageFromUrl(defaultLimit = 25) {
  const q = new URLSearchParams(location.search);
  const offset = Math.max(0, Number.parseInt(q.get('offset') ?? '0', 10) || 0);
  const limit = Math.min(1000, Math.max(1, Number.parseInt(q.get('limit') ?? String(defaultLimit), 10) || defaultLimit));
  return { offset, limit };
}

/** Previous/next links and "1–25 of 80" under a paged table. */
export function pager(element, { offset, limit }, total) {
  const link = (to, label, rel) => {
    const off = Math.max(0, to);
    const disabled = rel === 'prev' ? offset === 0 : offset + limit >= total;
    return `<a rel="${rel}" href="?offset=${off}&limit=${limit}"${disabled ? ' aria-disabled="true"' : ''}>${label}</a>`;
  };
  const shown = total === 0 ? '0' : `${offset + 1}–${Math.min(offset + limit, total)}`;
  element.innerHTML = `${link(offset - limit, '← Previous', 'prev')}<span class="range">${shown} of ${total}</span>${link(offset + limit, 'Next →', 'next')}`;
}
