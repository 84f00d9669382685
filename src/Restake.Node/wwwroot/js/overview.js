// Overview: the chain's status, TVL over time (plotly.js), and each strategy's TVL against its caps.
import { esc, percent, units, unitsNumber } from './format.js';
import { decimalsByStrategy, getJson, run } from './page.js';

function fact(label, value, id, mono = false, wide = false) {
  return `<div class="fact${wide ? ' wide' : ''}"><div class="label">${esc(label)}</div><div class="value${mono ? ' mono' : ''}" id="${id}">${esc(value)}</div></div>`;
}

function status(s) {
  document.getElementById('status').innerHTML = [
    fact('Chain id', s.chain_id, 'chain-id'),
    fact('Block', s.block, 'block'),
    fact('Time (UTC)', s.time.replace('T', ' ').replace('Z', ''), 'time'),
    fact('Stage', s.stage, 'stage'),
    fact('Log height', s.height, 'height'),
    fact('Store', s.store, 'store', true, true),
    fact('State hash', s.state_hash, 'state-hash', true, true),
  ].join('');
}

function chart(points, u) {
  const last = name => unitsNumber(points.at(-1)?.strategies[name] ?? '0', u.of(name));
  const names = [...new Set(points.flatMap(p => Object.keys(p.strategies)))]
    .filter(name => points.some(p => BigInt(p.strategies[name] ?? '0') > 0n))
    .sort((a, b) => last(b) - last(a));
  const traces = names.map(name => ({
    type: 'scatter',
    mode: 'lines',
    line: { shape: 'hv', width: 2 },
    name,
    x: points.map(p => p.block),
    y: points.map(p => unitsNumber(p.strategies[name] ?? '0', u.of(name))),
    hovertemplate: `${name}: %{y:,.4f}<br>block %{x}<extra></extra>`,
  }));
  const layout = {
    margin: { l: 70, r: 20, t: 10, b: 40 },
    xaxis: { title: { text: 'block' }, rangemode: 'tozero' },
    yaxis: { title: { text: 'tokens' }, rangemode: 'tozero', separatethousands: true },
    legend: { orientation: 'h', y: -0.2 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
  };
  if (traces.length === 0) {
    layout.annotations = [{ text: 'No deposits yet', showarrow: false, xref: 'paper', yref: 'paper', x: 0.5, y: 0.5 }];
  }
  return window.Plotly.newPlot('tvl-chart', traces, layout, { displaylogo: false, responsive: true });
}

/** Strategies holding the most first (compared in whole units), then the empty ones by name. */
function ranked(u) {
  const value = ([name, s]) => unitsNumber(s.balance, u.of(name));
  return Object.entries(u.strategies).sort((a, b) => value(b) - value(a) || a[0].localeCompare(b[0], 'en', { sensitivity: 'base' }));
}

function strategies(u) {
  const cap = raw => (raw === undefined ? '<span class="empty">none</span>' : null);
  const rows = ranked(u).map(([name, s]) => {
    const d = u.of(name);
    const limit = s.max_total_deposits;
    const used = limit === undefined || BigInt(limit) === 0n ? '<span class="empty">no cap</span>'
      : `<div class="bar" title="${percent(s.balance, limit)}"><span style="width:${Math.min(100, Number((BigInt(s.balance) * 100n) / BigInt(limit)))}%"></span></div> ${percent(s.balance, limit)}`;
    return `<tr data-strategy="${esc(name)}">
      <td>${esc(name)}</td><td>${esc(s.token)}</td>
      <td class="num tvl" title="${esc(s.balance)} base units">${units(s.balance, d)}</td>
      <td class="num">${units(s.total_shares, d)}</td>
      <td class="num">${units(s.burnable_shares, d)}</td>
      <td class="num max-per-deposit">${cap(s.max_per_deposit) ?? units(s.max_per_deposit, d)}</td>
      <td class="num max-total">${cap(limit) ?? units(limit, d)}</td>
      <td class="cap-used">${used}</td></tr>`;
  });
  document.querySelector('#strategies tbody').innerHTML = rows.join('');
}

run(async () => {
  const [s, tvl, u] = await Promise.all([getJson('/api/status'), getJson('/api/history/tvl?points=300'), decimalsByStrategy()]);
  status(s);
  strategies(u);
  await chart(tvl.points, u);
});
