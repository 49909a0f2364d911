/**
 * Source markers and the sources panel. Every value on a page has a marker; opening it shows each claim
 * (value, rank, validity, note, "inferred") and each quote in its context with its document. The panel has
 * its own column on wide screens and overlays the page on narrow ones, so opening it never moves the page.
 */
import { query } from './api';
import {
  ExplorerDocumentTextDocument,
  type ExplorerCitationFragment,
  type ExplorerClaimFragment,
} from '../../clients/generated/graphql';
import { byId, h, replace, type Child } from './dom';
import {
  formatAmount,
  formatDate,
  formatIsoDate,
  formatRange,
  humanize,
  nodeName,
  rankBadge,
} from './format';
import { entityPath } from './routes';

export interface SourceView {
  /** What the sources are for ("Founded", "Membership in the OTS"). */
  title: string;
  /** Competing or complementary claims about one field, shown side by side. */
  claims?: ExplorerClaimFragment[];
  /** The quotes that establish a relationship, when it is shown as a whole. */
  citations?: ExplorerCitationFragment[];
  /** Where to see everything about the thing (a relationship's own page). */
  more?: { href: string; label: string };
  /** Unit of a figure's value, to write its claims as amounts. */
  unit?: string | null;
  /** Anything else the panel should show (what a quote of a document supports). */
  body?: Child;
}

const CONTEXT_CHARS = 120;
const texts = new Map<string, Promise<string[] | null>>();
let opener: HTMLElement | null = null;

/** A document's text as code points (spans count code points), fetched once per document. */
function documentText(id: string): Promise<string[] | null> {
  let text = texts.get(id);
  if (!text) {
    text = query(ExplorerDocumentTextDocument, { id }).then((d) =>
      d.document?.text ? Array.from(d.document.text) : null,
    );
    text.catch(() => texts.delete(id));
    texts.set(id, text);
  }
  return text;
}

/** The words before and after a span, cut at word boundaries. */
function around(text: string[], start: number, end: number): { before: string; after: string } {
  let before = text.slice(Math.max(0, start - CONTEXT_CHARS), start).join('');
  let after = text.slice(end, end + CONTEXT_CHARS).join('');
  if (start > CONTEXT_CHARS) before = '…' + before.replace(/^\S*\s/, '');
  if (end + CONTEXT_CHARS < text.length) after = after.replace(/\s\S*$/, '') + '…';
  return { before, after };
}

function citationView(citation: ExplorerCitationFragment): HTMLElement {
  const quote = h('mark', { class: 'quote-text' }, citation.quote);
  const before = h('span', { class: 'context' });
  const after = h('span', { class: 'context' });
  const span = citation.span;
  if (span) {
    void documentText(citation.document.id)
      .then((text) => {
        if (!text) return;
        const context = around(text, span.start, span.end);
        before.textContent = context.before;
        after.textContent = context.after;
      })
      .catch(() => {
        after.textContent = ' (the surrounding text could not be loaded)';
      });
  }
  const document = citation.document;
  const anchor = span ? `#quote-${span.start}` : '';
  return h(
    'li',
    { class: 'citation' },
    h('blockquote', null, before, quote, after),
    h(
      'p',
      { class: 'document-ref' },
      h('a', { href: entityPath('Document', document.id) + anchor }, document.title),
      document.publisher ? h('span', null, ` · ${document.publisher}`) : null,
      document.published ? h('span', null, ` · ${formatDate(document.published)}`) : null,
    ),
    citation.note ? h('p', { class: 'note' }, `Curator: ${citation.note}`) : null,
  );
}

/** A claim's value as a reader wants it: a date written out, an amount in its unit, an entity linked. */
export function claimValue(claim: ExplorerClaimFragment, unit?: string | null): Child {
  if (claim.unknown) return h('em', null, 'stated, but not what it is');
  const node = claim.valueNode;
  if (node) {
    return h('a', { href: entityPath(node.__typename, node.id) }, nodeName(node) || claim.value);
  }
  if (claim.field === 'value' && unit !== undefined && /^-?\d+(\.\d+)?$/.test(claim.value)) {
    return formatAmount(Number(claim.value), unit);
  }
  return formatIsoDate(claim.value) ?? (/^[A-Z_]+$/.test(claim.value) ? humanize(claim.value) : claim.value);
}

function claimCard(claim: ExplorerClaimFragment, unit?: string | null): HTMLElement {
  const validity = formatRange(claim.validFrom, claim.validTo);
  return h(
    'article',
    { class: `claim rank-${claim.rank.toLowerCase()}` },
    h('p', { class: 'claim-value' }, claimValue(claim, unit)),
    h(
      'p',
      { class: 'claim-meta' },
      rankBadge(claim.rank),
      claim.inferred ? h('span', { class: 'badge inferred' }, 'inferred') : null,
      validity ? h('span', { class: 'validity' }, validity) : null,
    ),
    claim.note ? h('p', { class: 'note' }, claim.note) : null,
    h(
      'ol',
      { class: 'citations', 'aria-label': 'Quotes' },
      claim.sources.map((c) => citationView(c)),
    ),
  );
}

export function openSources(view: SourceView, from: HTMLElement | null): void {
  const panel = byId('sources');
  if (opener && opener !== from) opener.setAttribute('aria-expanded', 'false');
  opener = from;
  from?.setAttribute('aria-expanded', 'true');
  const claims = view.claims ?? [];
  const ranks = new Set(claims.map((c) => c.rank));
  const competing = claims.length > 1 && ranks.has('PREFERRED');
  replace(
    panel,
    h(
      'div',
      { class: 'sources-head' },
      h('h2', { id: 'sources-title', tabindex: '-1' }, `Sources: ${view.title}`),
      h('button', { type: 'button', class: 'close', onclick: () => closeSources() }, 'Close'),
    ),
    claims.length > 1
      ? h(
          'p',
          { class: 'hint' },
          competing
            ? `${claims.length} competing values, side by side; the preferred one is what the page shows.`
            : `${claims.length} values, each with its own sources.`,
        )
      : null,
    claims.length
      ? h(
          'div',
          { class: 'claims' },
          claims.map((c) => claimCard(c, view.unit)),
        )
      : null,
    view.citations
      ? h(
          'ol',
          { class: 'citations', 'aria-label': 'Quotes' },
          view.citations.map((c) => citationView(c)),
        )
      : null,
    view.body ?? null,
    !claims.length && !view.citations?.length && !view.body
      ? h('p', null, 'No source is recorded for this.')
      : null,
    view.more ? h('p', { class: 'more' }, h('a', { href: view.more.href }, view.more.label)) : null,
  );
  panel.classList.add('open');
  document.body.classList.add('sources-open');
  byId('sources-title').focus();
}

/** Closes the panel and gives the focus back to the marker that opened it. */
export function closeSources(): void {
  const panel = byId('sources');
  if (!panel.classList.contains('open')) return;
  panel.classList.remove('open');
  document.body.classList.remove('sources-open');
  replace(panel, emptyPanel());
  opener?.setAttribute('aria-expanded', 'false');
  opener?.focus();
  opener = null;
}

export function emptyPanel(): HTMLElement {
  return h(
    'p',
    { class: 'hint' },
    'Choose a source marker beside a value to see its claims, their quotes in context and the documents they come from.',
  );
}

/** The marker beside a value: how many quotes back it; activating it opens them in the panel. */
export function sourceMarker(view: () => SourceView, quotes: number, label: string): HTMLElement {
  const button = h(
    'button',
    {
      type: 'button',
      class: quotes ? 'marker' : 'marker none',
      'aria-controls': 'sources',
      'aria-expanded': 'false',
      'aria-label': `Sources for ${label}: ${quotes} ${quotes === 1 ? 'quote' : 'quotes'}`,
      title: `Sources: ${quotes} ${quotes === 1 ? 'quote' : 'quotes'}`,
    },
    h('span', { 'aria-hidden': 'true' }, quotes ? String(quotes) : '–'),
  );
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-expanded') === 'true') closeSources();
    else openSources(view(), button);
  });
  return button;
}

export function countQuotes(claims: ExplorerClaimFragment[]): number {
  return claims.reduce((n, c) => n + c.sources.length, 0);
}
