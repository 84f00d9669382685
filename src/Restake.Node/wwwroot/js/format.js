// Amounts arrive as decimal strings of base units. BigInt keeps every digit exact; floating point
// is used only for chart coordinates.

const WAD = 10n ** 18n;

/** Groups the digits of a whole number by thousands: 1234567 -> 1,234,567. */
export function group(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Base units as whole units, cut (never rounded up) to `maxFraction` places:
 * ("12500000000000000000", 18) -> "12.5". A tiny non-zero amount shows as "< 0.0001", not as 0.
 */
export function units(raw, decimals = 18, maxFraction = 4) {
  let v = BigInt(raw);
  const negative = v < 0n;
  if (negative) v = -v;
  const base = 10n ** BigInt(decimals);
  const whole = v / base;
  const rest = v % base;
  const fraction = decimals > 0 ? rest.toString().padStart(decimals, '0').slice(0, maxFraction).replace(/0+$/, '') : '';
  let text = group(whole.toString()) + (fraction ? '.' + fraction : '');
  if (whole === 0n && rest > 0n && !fraction) {
    text = '< 0.' + '0'.repeat(Math.max(maxFraction - 1, 0)) + '1';
  }
  return (negative ? '-' : '') + text;
}

/** Base units as a plain Number of whole units, for plotting only. */
export function unitsNumber(raw, decimals = 18) {
  return Number(units(raw, decimals, decimals).replace(/,/g, '').replace('< ', ''));
}

/** part / total as a percentage with two decimals, exact to the last shown digit (cut, not rounded). */
export function percent(part, total) {
  const p = BigInt(part);
  const t = BigInt(total);
  if (t === 0n) return '0%';
  const hundredths = (p * 10000n) / t;
  const whole = hundredths / 100n;
  const cents = (hundredths % 100n).toString().padStart(2, '0');
  return `${group(whole.toString())}.${cents}%`;
}

/** A wad fraction (1 = 10^18) as a percentage: "500000000000000000" -> "50.00%". */
export function wadPercent(raw) {
  return percent(BigInt(raw), WAD);
}

/** Long hex (an address, a hash): 0x70997970c51812dc3a010c7d01b50e0d17dc79c8 -> 0x7099…79c8; other names pass through. */
export function short(name) {
  return /^0x[0-9a-fA-F]{16,}$/.test(name ?? '') ? `${name.slice(0, 6)}…${name.slice(-4)}` : (name ?? '');
}

/** Text made safe to put inside HTML. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** An address (or any name) in monospace; the full name in the tooltip when it is shortened. */
export function addr(name, full = false) {
  if (name === null || name === undefined || name === '') return '<span class="empty">none</span>';
  return `<span class="addr" title="${esc(name)}" data-name="${esc(name)}">${esc(full ? name : short(name))}</span>`;
}
