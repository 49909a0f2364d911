/** A document page: its metadata, everything it supports, and its text with every quote marked. */
import { query } from '../api';
import { ExplorerDocumentDocument, type ExplorerDocumentQuery } from '../../../clients/generated/graphql';
import { h, type Child } from '../dom';
import { fieldLabel, formatDate, formatIsoDate, humanize, rankBadge } from '../format';
import { entityPath } from '../routes';
import { nodeName } from './entity';

type Citation = NonNullable<ExplorerDocumentQuery['document']>['citations']['nodes'][number];

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
    const ids = new Set(span.citations.map((c) => `quote-${c.span!.start}`));
    const anchors = [...ids].slice(1).map((id) => h('span', { id, class: 'anchor' }));
    parts.push(
      anchors,
      h(
        'mark',
        {
          id: [...ids][0],
          class: 'cited',
          tabindex: '-1',
          title: span.citations
            .map((c) => `${nodeName(c.claim.subject)}: ${fieldLabel(c.claim.field)}`)
            .join('; '),
        },
        chars.slice(span.start, span.end).join(''),
      ),
    );
    at = span.end;
  }
  if (at < chars.length) parts.push(chars.slice(at).join(''));
  return h('div', { class: 'document-text' }, parts);
}

export async function renderDocument(id: string): Promise<HTMLElement | null> {
  const d = (await query(ExplorerDocumentDocument, { id })).document;
  if (!d) return null;
  const citations = d.citations.nodes;
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
      'section',
      { class: 'relations' },
      h('h2', null, 'What it supports ', h('span', { class: 'count' }, `(${d.citations.totalCount})`)),
      h(
        'ol',
        { class: 'supports' },
        citations.map((c) =>
          h(
            'li',
            null,
            h(
              'a',
              { href: entityPath(c.claim.subject.__typename, c.claim.subject.id) },
              nodeName(c.claim.subject),
            ),
            ` · ${fieldLabel(c.claim.field)}: `,
            h(
              'strong',
              null,
              formatIsoDate(c.claim.value) ??
                (/^[A-Z_]+$/.test(c.claim.value) ? humanize(c.claim.value) : c.claim.value),
            ),
            ' ',
            rankBadge(c.claim.rank),
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
        ? markedText(d.text, citations)
        : h(
            'p',
            { class: 'hint' },
            'The service does not hold the text of this document; its quotes are listed above.',
          ),
    ),
  );
}
