/**
 * The timeline of events and agreements, filtered by a state or organization and a date range. Dates are
 * shown to their precision ("2025", "April 2025"); entries whose date is unknown are listed apart.
 */
import { ApiError, query } from '../api';
import {
  ExplorerActorsDocument,
  ExplorerTimelineDocument,
  type ExplorerTimelineQuery,
} from '../../../clients/generated/graphql';
import { h, replace } from '../dom';
import { formatDate, humanize } from '../format';
import { entityPath, timelinePath } from '../routes';

type Edge = ExplorerTimelineQuery['timeline']['edges'][number];

export interface TimelineFilter {
  participant?: string;
  from?: string;
  to?: string;
}

function entry(edge: Edge): HTMLElement {
  const node = edge.node;
  const kind = node.__typename === 'Event' ? node.eventKind : node.agreementKind;
  return h(
    'li',
    { class: 'timeline-entry' },
    h('span', { class: 'timeline-date' }, formatDate(edge.date)),
    h(
      'span',
      { class: 'timeline-body' },
      h(
        'span',
        { class: `badge kind-${node.__typename.toLowerCase()}` },
        node.__typename === 'Event' ? 'event' : 'agreement',
      ),
      ' ',
      h('a', { href: entityPath(node.__typename, node.id) }, node.name),
      h(
        'span',
        { class: 'relation-details' },
        [humanize(kind), node.__typename === 'Event' ? node.city : humanize(node.status)]
          .filter(Boolean)
          .join(' · '),
      ),
    ),
  );
}

export async function renderTimeline(
  filter: TimelineFilter,
  navigate: (path: string) => void,
): Promise<HTMLElement> {
  const [actors, first] = await Promise.all([
    query(ExplorerActorsDocument, {}),
    query(ExplorerTimelineDocument, {
      participants: filter.participant ? [filter.participant] : null,
      from: filter.from || null,
      to: filter.to || null,
    }).catch((error: unknown) => error as Error),
  ]);
  const select = h(
    'select',
    { id: 'timeline-participant', name: 'participant' },
    h('option', { value: '' }, 'Everyone'),
    h(
      'optgroup',
      { label: 'Countries' },
      actors.countries.nodes.map((c) =>
        h('option', { value: c.id, selected: c.id === filter.participant }, c.name),
      ),
    ),
    h(
      'optgroup',
      { label: 'Organizations' },
      actors.organizations.nodes.map((o) =>
        h(
          'option',
          { value: o.id, selected: o.id === filter.participant },
          o.acronym ? `${o.name} (${o.acronym})` : o.name,
        ),
      ),
    ),
  );
  const from = h('input', {
    id: 'timeline-from',
    name: 'from',
    value: filter.from ?? '',
    placeholder: 'e.g. 2009 or 2025-04',
    inputmode: 'numeric',
  });
  const to = h('input', {
    id: 'timeline-to',
    name: 'to',
    value: filter.to ?? '',
    placeholder: 'e.g. 2009 or 2025-04',
    inputmode: 'numeric',
  });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Timeline filters' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'timeline-participant' }, 'Country or organization'),
      select,
    ),
    h('div', { class: 'field' }, h('label', { for: 'timeline-from' }, 'From'), from),
    h('div', { class: 'field' }, h('label', { for: 'timeline-to' }, 'To'), to),
    h('button', { type: 'submit' }, 'Show'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(timelinePath({ participant: select.value, from: from.value.trim(), to: to.value.trim() }));
  });

  const results = h('div', { class: 'timeline', 'aria-live': 'polite' });
  if (first instanceof Error) {
    replace(
      results,
      h(
        'p',
        { class: 'error', role: 'alert' },
        first instanceof ApiError ? first.message : 'The timeline could not be loaded.',
      ),
    );
  } else {
    const edges = [...first.timeline.edges];
    let page = first.timeline.pageInfo;
    const draw = (): void => {
      const dated = edges.filter((e) => e.date.precision !== 'UNKNOWN');
      const unknown = edges.filter((e) => e.date.precision === 'UNKNOWN');
      const years = new Map<string, Edge[]>();
      for (const edge of dated) {
        const year = String(edge.date.year);
        years.set(year, [...(years.get(year) ?? []), edge]);
      }
      const more = h('button', { type: 'button', class: 'more-button' }, 'Load more');
      more.addEventListener('click', async () => {
        more.disabled = true;
        const next = await query(ExplorerTimelineDocument, {
          participants: filter.participant ? [filter.participant] : null,
          from: filter.from || null,
          to: filter.to || null,
          after: page.endCursor,
        });
        edges.push(...next.timeline.edges);
        page = next.timeline.pageInfo;
        draw();
      });
      replace(
        results,
        h('p', { class: 'hint' }, `${first.timeline.totalCount} events and agreements.`),
        [...years].map(([year, list]) =>
          h(
            'section',
            { class: 'timeline-year' },
            h('h2', null, year),
            h('ol', { class: 'timeline-list' }, list.map(entry)),
          ),
        ),
        page.hasNextPage ? more : null,
        unknown.length
          ? h(
              'section',
              { class: 'timeline-year unknown-dates' },
              h('h2', null, 'Date unknown'),
              h('p', { class: 'hint' }, 'The sources give these dates only relatively ("this week").'),
              h('ol', { class: 'timeline-list' }, unknown.map(entry)),
            )
          : null,
      );
    };
    draw();
  }
  const chosen = [...actors.countries.nodes, ...actors.organizations.nodes].find(
    (a) => a.id === filter.participant,
  );
  return h(
    'article',
    { class: 'timeline-page' },
    h('h1', null, chosen ? `Timeline: ${chosen.name}` : 'Timeline'),
    form,
    results,
  );
}
