/** How the explorer writes dates, enum values, numbers and highlighted matches. */
import type { ExplorerDateFragment, Rank } from '../../clients/generated/graphql';
import { h } from './dom';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A partial date as what it is: "2025", "April 2025", "3 April 2025"; never a day the source did not give. */
export function formatDate(date: ExplorerDateFragment | null | undefined): string {
  if (!date || date.precision === 'UNKNOWN' || date.year === null) return 'date unknown';
  const month = date.month ? MONTHS[date.month - 1] : undefined;
  if (date.precision === 'YEAR' || !month) return String(date.year);
  if (date.precision === 'MONTH' || !date.day) return `${month} ${date.year}`;
  return `${date.day} ${month} ${date.year}`;
}

/** The same for an ISO partial-date string as claims state it ("2009", "2009-10", "2009-10-03"). */
export function formatIsoDate(text: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day] = match;
  return formatDate({
    text,
    precision: day ? 'DAY' : month ? 'MONTH' : 'YEAR',
    year: Number(year),
    month: month ? Number(month) : null,
    day: day ? Number(day) : null,
  });
}

/** A period between two partial dates ("2009 – 2021", "since 2009"). */
export function formatRange(
  from: ExplorerDateFragment | null | undefined,
  to: ExplorerDateFragment | null | undefined,
): string | undefined {
  if (from && to) return `${formatDate(from)} – ${formatDate(to)}`;
  if (from) return `since ${formatDate(from)}`;
  if (to) return `until ${formatDate(to)}`;
  return undefined;
}

/** FOUNDING_MEMBER -> "founding member". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  return value.toLowerCase().replace(/_/g, ' ');
}

/** A field name as a label: "officialName" -> "Official name". */
export function fieldLabel(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A number in its unit: money compactly in its currency ("$4.2B"), anything else with its unit. */
export function formatAmount(value: number, unit: string | null | undefined): string {
  if (unit && /^[A-Z]{3}$/.test(unit)) {
    try {
      return new Intl.NumberFormat('en', {
        style: 'currency',
        currency: unit,
        notation: 'compact',
        maximumFractionDigits: 2,
      }).format(value);
    } catch {
      // an unknown currency code: fall through to the plain number
    }
  }
  const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value);
  if (unit === 'percent') return `${number}%`;
  return unit ? `${number} ${unit}` : number;
}

export function rankBadge(rank: Rank): HTMLElement {
  return h('span', { class: `badge rank-${rank.toLowerCase()}` }, humanize(rank));
}

/** Lower case without diacritics, keeping for each character of the result the index it came from. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const simple = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (let i = 0; i < simple.length; i++) origin.push(index);
    folded += simple;
    index += char.length;
  }
  origin.push(index);
  return { folded, origin };
}

/** True when `text` contains the search text, ignoring case and diacritics as the service does. */
export function matches(text: string, search: string): boolean {
  const needle = fold(search.trim()).folded;
  return needle.length > 0 && fold(text).folded.includes(needle);
}

/** The text with every occurrence of the search text (or of its words) in <mark>. */
export function highlight(text: string, search: string): (Node | string)[] {
  const { folded, origin } = fold(text);
  const whole = fold(search.trim()).folded;
  const needles = folded.includes(whole) ? [whole] : whole.split(/\s+/).filter((w) => w.length > 1);
  const ranges: [number, number][] = [];
  for (const needle of needles) {
    if (!needle) continue;
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
      ranges.push([origin[at]!, origin[at + needle.length]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const out: (Node | string)[] = [];
  let last = 0;
  for (const [start, end] of ranges) {
    if (start < last) continue;
    if (start > last) out.push(text.slice(last, start));
    out.push(h('mark', null, text.slice(start, end)));
    last = end;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** What any node can be named by, from the label fragments. */
export interface Labelled {
  __typename: string;
  name?: string | null;
  title?: string | null;
  asStated?: string | null;
  organization?: { name: string };
  agreement?: { name: string };
  event?: { name: string };
  project?: { name: string };
}

/** A node's name for a heading or a link, whatever its type. */
export function nodeName(node: Labelled | null | undefined): string {
  if (!node) return '';
  if (node.name) return node.name;
  if (node.title) return node.title;
  if (node.asStated) return node.asStated;
  if (node.organization) return `Membership in ${node.organization.name}`;
  if (node.agreement) return `Party to ${node.agreement.name}`;
  if (node.event) return `Participant in ${node.event.name}`;
  if (node.project) return `Participant in ${node.project.name}`;
  return node.__typename;
}
