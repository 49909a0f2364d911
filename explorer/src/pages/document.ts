/**
 * A document page: its metadata, its text with every quote marked, and everything it supports. Selecting a
 * marked quote shows in the sources panel the claims it states. Citations are read page by page, all of them.
 */
import { query } from '../api';
import {
  ExplorerDocumentCitationsDocument,
  ExplorerDocumentDocument,
  type ExplorerDocumentCitationsQuery,
} from '../../../clients/generated/graphql';
import { h, type Child } from '../dom';
import { fieldLabel, formatDate, formatIsoDate, humanize, nodeName, rankBadge } from '../format';
import { entityPath } from '../routes';
import { openSources } from '../sources';

type Citation = NonNullable<ExplorerDocumentCitationsQuery['document']>['citations']['nodes'][number];

/** At most this many pages of 100 citations are read for one document page. */
const MAX_CITATION_PAGES = 50;

/** Every citation of the document (up to MAX_CITATION_PAGES pages), following the cursors. */
async function allCitations(id: string): Promise<{ total: number; citations: Citation[] }> {
  const citations: Citation[] = [];
  let after: string | null = null;
  let total = 0;
  for (let pages = 0; pages < MAX_CITATION_PAGES; pages++) {
    const page: ExplorerDocumentCitationsQuery = await query(ExplorerDocumentCitationsDocument, {
      id,
      after,
    });
    if (!page.document) break;
    const connection = page.document.citations;
    total = connection.totalCount;
    citations.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return { total, citations };
}

function claimValueText(claim: Citation['claim']): string {
  if (claim.valueNode) return nodeName(claim.valueNode);
  return formatIsoDate(claim.value) ?? (/^[A-Z_]+$/.test(claim.value) ? humanize(claim.value) : claim.value);
}

/** One supported claim: its subject, field, value and rank. */
function supported(citation: Citation): Child {
  const subject = citation.claim.subject;
  return [
    h('a', { href: entityPath(subject.__typename, subject.id) }, nodeName(subject)),
    ` · ${fieldLabel(citation.claim.field)}: `,
    h('strong', null, claimValueText(citation.claim)),
    ' ',
    rankBadge(citation.claim.rank),
  ];
}

function showQuote(mark: HTMLElement, quote: string, citations: Citation[]): void {
  openSources(
    {
      title: 'a quote of this document',
      body: [
        h('blockquote', { class: 'quote-alone' }, h('mark', null, quote)),
        h(
          'p',
          { class: 'hint' },
          `It supports ${citations.length} ${citations.length === 1 ? 'claim' : 'claims'}:`,
        ),
        h(
          'ul',
          { class: 'supports' },
          citations.map((c) =>
            h('li', null, supported(c), c.note ? h('p', { class: 'note' }, `Curator: ${c.note}`) : null),
          ),
        ),
      ],
    },
    mark,
  );
}

/** The text with <mark> around every cited span; overlapping spans are merged into one mark. */
function markedText(text: string, citations: Citation[]): HTMLElement {
  const chars = Array.from(text);
  const spans = citations
    .filter((c) => c.span)
    .map((c) => ({ start: c.span!.start, end: c.span!.end, citation: c }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number; citations: Citation[] }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      last.citations.push(span.citation);
    } else merged.push({ start: span.start, end: span.end, citations: [span.citation] });
  }
  const parts: Child[] = [];
  let at = 0;
  for (const span of merged) {
    if (span.start > at) parts.push(chars.slice(at, span.start).join(''));
    const ids = [...new Set(span.citations.map((c) => `quote-${c.span!.start}`))];
    const words = chars.slice(span.start, span.end).join('');
    const mark = h(
      'mark',
      {
        id: ids[0],
        class: 'cited',
        tabindex: '0',
        role: 'button',
        'aria-haspopup': 'dialog',
        'aria-label': `Quote supporting ${span.citations.length} ${span.citations.length === 1 ? 'claim' : 'claims'}: ${words}`,
      },
      words,
    );
    mark.addEventListener('click', () => showQuote(mark, words, span.citations));
    mark.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      showQuote(mark, words, span.citations);
    });
    // the other quotes that start inside this mark keep an anchor of their own
    parts.push(
      ids.slice(1).map((id) => h('span', { id, class: 'anchor' })),
      mark,
    );
    at = span.end;
  }
  if (at < chars.length) parts.push(chars.slice(at).join(''));
  return h('div', { class: 'document-text' }, parts);
}

export async function renderDocument(id: string): Promise<HTMLElement | null> {
  const [{ document: d }, { total, citations }] = await Promise.all([
    query(ExplorerDocumentDocument, { id }),
    allCitations(id),
  ]);
  if (!d) return null;
  const meta: [string, Child][] = [
    ['Publisher', d.publisher],
    ['Author', d.author],
    ['Published', d.published ? formatDate(d.published) : null],
    ['Date note', d.publishedNote],
    ['Kind', humanize(d.kind)],
    ['Language', d.language],
    ['Original', d.url ? h('a', { href: d.url, rel: 'noopener noreferrer external' }, d.url) : null],
  ];
  return h(
    'article',
    { class: 'document-page' },
    h('p', { class: 'kicker' }, 'document'),
    h('h1', null, d.title),
    h(
      'dl',
      { class: 'facts' },
      meta
        .filter(([, v]) => v)
        .map(([k, v]) => h('div', { class: 'fact' }, h('dt', null, k), h('dd', null, v))),
    ),
    d.qualityNotes.length
      ? h(
          'section',
          null,
          h('h2', null, 'About the text'),
          h(
            'ul',
            null,
            d.qualityNotes.map((n) => h('li', null, n)),
          ),
        )
      : null,
    h(
      'details',
      { class: 'supports-all' },
      h('summary', null, `Everything it supports (${total} ${total === 1 ? 'quote' : 'quotes'})`),
      citations.length < total
        ? h('p', { class: 'hint' }, `The first ${citations.length} are listed and marked in the text.`)
        : null,
      h(
        'ol',
        { class: 'supports' },
        citations.map((c) =>
          h(
            'li',
            null,
            supported(c),
            h('br'),
            c.span
              ? h('a', { href: `#quote-${c.span.start}`, class: 'quote-link' }, `“${c.quote}”`)
              : h('q', null, c.quote),
          ),
        ),
      ),
    ),
    h(
      'section',
      null,
      h('h2', null, 'Text'),
      d.text
        ? [
            h(
              'p',
              { class: 'hint' },
              'Marked passages are quoted as sources; select one to see what it supports.',
            ),
            markedText(d.text, citations),
          ]
        : h(
            'p',
            { class: 'hint' },
            'The service does not hold the text of this document; its quotes are listed above.',
          ),
    ),
  );
}
