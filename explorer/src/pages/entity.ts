/**
 * Entity pages: every field with a source marker, competing claims side by side, and every relationship
 * (memberships, parties, participants, positions, figures) with its own sources. One typed query per type.
 */
import { query } from '../api';
import {
  ExplorerAgreementDocument,
  ExplorerCountryDocument,
  ExplorerEventDocument,
  ExplorerNodeDocument,
  ExplorerOrganizationDocument,
  ExplorerPersonDocument,
  ExplorerProjectDocument,
  type ExplorerAgreementPartiesFragment,
  type ExplorerCitationFragment,
  type ExplorerClaimFragment,
  type ExplorerDateFragment,
  type ExplorerEventParticipantsFragment,
  type ExplorerFigureRowFragment,
  type ExplorerPositionsFragment,
  type ExplorerProjectParticipantsFragment,
  type Rank,
} from '../../../clients/generated/graphql';
import { h, type Child } from '../dom';
import { fieldLabel, formatAmount, formatDate, formatRange, humanize, nodeName, rankBadge } from '../format';
import { entityPath, timelinePath, type EntityType } from '../routes';
import { claimValue, countQuotes, sourceMarker } from '../sources';

interface Fact {
  /** The schema field its claims are about. */
  field: string;
  label?: string;
  value: Child;
}

interface RelationItem {
  id: string;
  type: EntityType;
  label: string;
  link: Child;
  details: (string | undefined | null)[];
  rank?: Rank;
  sources?: ExplorerCitationFragment[];
}

interface Section {
  title: string;
  total: number;
  items: RelationItem[];
}

export interface EntityModel {
  type: EntityType;
  title: string;
  summary?: string | null;
  facts: Fact[];
  claims: ExplorerClaimFragment[];
  sections: Section[];
  figures?: (ExplorerFigureRowFragment & { sources?: ExplorerCitationFragment[] })[];
  actions?: Child[];
}

type Named = { id: string; name: string } | null | undefined;
type Actor = { __typename: string; id?: string; name?: string } | null | undefined;

const link = (type: EntityType | string, node: Named | Actor): Child =>
  node && node.id ? h('a', { href: entityPath(type, node.id) }, node.name ?? node.id) : null;
const actorLink = (actor: Actor): Child => (actor ? link(actor.__typename, actor) : null);
const date = (d: ExplorerDateFragment | null | undefined): Child => (d ? formatDate(d) : null);

function factsList(model: EntityModel): HTMLElement {
  const byField = new Map<string, ExplorerClaimFragment[]>();
  for (const claim of model.claims) {
    byField.set(claim.field, [...(byField.get(claim.field) ?? []), claim]);
  }
  const facts = [...model.facts];
  // every field the sources speak about gets a row, even one this page does not name
  for (const [field, claims] of byField) {
    if (facts.some((f) => f.field === field)) continue;
    const preferred = claims.filter((c) => c.rank === 'PREFERRED');
    const shown = preferred.length ? preferred : claims.filter((c) => c.rank === 'NORMAL');
    facts.push({ field, value: shown.map((c, i) => [i ? ', ' : '', claimValue(c)]) });
  }
  const rows = facts
    .filter((f) => byField.has(f.field) || (f.value !== null && f.value !== undefined && f.value !== ''))
    .map((fact) => {
      const claims = byField.get(fact.field) ?? [];
      const label = fact.label ?? fieldLabel(fact.field);
      const competing = claims.length > 1 && claims.some((c) => c.rank === 'PREFERRED');
      return h(
        'div',
        { class: 'fact', 'data-field': fact.field },
        h('dt', null, label),
        h(
          'dd',
          null,
          h('span', { class: 'value' }, fact.value ?? h('em', null, 'not given')),
          competing ? h('span', { class: 'badge competing' }, `${claims.length} claims`) : null,
          sourceMarker(() => ({ title: label, claims }), countQuotes(claims), label),
        ),
      );
    });
  return h('dl', { class: 'facts' }, rows);
}

function relationList(section: Section): HTMLElement {
  return h(
    'section',
    { class: 'relations' },
    h('h2', null, `${section.title} `, h('span', { class: 'count' }, `(${section.total})`)),
    section.total > section.items.length
      ? h('p', { class: 'hint' }, `The first ${section.items.length} are shown.`)
      : null,
    h(
      'ul',
      { class: 'relation-list' },
      section.items.map((item) =>
        h(
          'li',
          null,
          h('span', { class: 'relation-main' }, item.link),
          h('span', { class: 'relation-details' }, item.details.filter(Boolean).join(' · ')),
          item.rank && item.rank !== 'NORMAL' ? rankBadge(item.rank) : null,
          item.sources
            ? sourceMarker(
                () => ({
                  title: item.label,
                  citations: item.sources,
                  more: {
                    href: entityPath(item.type, item.id),
                    label: 'Every claim about this, field by field',
                  },
                }),
                item.sources?.length ?? 0,
                item.label,
              )
            : null,
        ),
      ),
    ),
  );
}

/** A figure in a list, with every competing value of its number shown beside the preferred one. */
function figureList(figures: NonNullable<EntityModel['figures']>): HTMLElement {
  return h(
    'section',
    { class: 'relations figures' },
    h('h2', null, 'Figures ', h('span', { class: 'count' }, `(${figures.length})`)),
    h(
      'ul',
      { class: 'relation-list' },
      figures.map((figure) => {
        const about = [nodeName(figure.subject), nodeName(figure.counterpart)].filter(Boolean).join(' – ');
        const competing = figure.values.length > 1;
        const label = `${humanize(figure.metric)}, ${about}, ${formatDate(figure.period)}`;
        return h(
          'li',
          { class: competing ? 'figure competing-figure' : 'figure' },
          h(
            'span',
            { class: 'relation-main' },
            h('a', { href: entityPath('Figure', figure.id) }, formatAmount(figure.value, figure.unit)),
            ` ${humanize(figure.metric)}`,
          ),
          h(
            'span',
            { class: 'relation-details' },
            [about, figure.period ? formatDate(figure.period) : null].filter(Boolean).join(' · '),
          ),
          sourceMarker(
            () => ({ title: label, claims: figure.values, unit: figure.unit }),
            countQuotes(figure.values),
            label,
          ),
          competing
            ? h(
                'span',
                { class: 'competing-values' },
                'Competing values: ',
                figure.values.map((claim, i) => [
                  i ? ' vs ' : '',
                  h('strong', null, claimValue(claim, figure.unit)),
                  ' ',
                  rankBadge(claim.rank),
                ]),
              )
            : null,
        );
      }),
    ),
  );
}

export function renderEntity(model: EntityModel): HTMLElement {
  return h(
    'article',
    { class: 'entity', 'data-type': model.type },
    h('p', { class: 'kicker' }, humanize(model.type.replace(/([a-z])([A-Z])/g, '$1_$2'))),
    h('h1', null, model.title),
    model.actions?.length ? h('p', { class: 'actions' }, model.actions) : null,
    h('h2', { class: 'visually-hidden' }, 'Facts'),
    factsList(model),
    model.figures?.length ? figureList(model.figures) : null,
    model.sections.filter((s) => s.items.length).map(relationList),
  );
}

const rankOf = (r: { rank: Rank }) => r.rank;

/** The agreements a country or organization is party to. */
function agreementsSection(owner: string, agreements: ExplorerAgreementPartiesFragment): Section {
  return {
    title: 'Agreements',
    total: agreements.totalCount,
    items: agreements.nodes.map((p) => ({
      id: p.id,
      type: 'AgreementParty',
      label: `${owner} in ${p.agreement.name}`,
      link: link('Agreement', p.agreement),
      details: [humanize(p.role), p.agreement.signed ? `signed ${formatDate(p.agreement.signed)}` : null],
      rank: rankOf(p),
      sources: p.sources,
    })),
  };
}

/** The events a country or organization took part in. */
function eventsSection(owner: string, events: ExplorerEventParticipantsFragment): Section {
  return {
    title: 'Events',
    total: events.totalCount,
    items: events.nodes.map((p) => ({
      id: p.id,
      type: 'EventParticipant',
      label: `${owner} at ${p.event.name}`,
      link: link('Event', p.event),
      details: [humanize(p.role), formatDate(p.event.start)],
      rank: rankOf(p),
      sources: p.sources,
    })),
  };
}

/** The projects a country or organization takes part in. */
function projectsSection(owner: string, projects: ExplorerProjectParticipantsFragment): Section {
  return {
    title: 'Projects',
    total: projects.totalCount,
    items: projects.nodes.map((p) => ({
      id: p.id,
      type: 'ProjectParticipant',
      label: `${owner} in ${p.project.name}`,
      link: link('Project', p.project),
      details: [humanize(p.role)],
      rank: rankOf(p),
      sources: p.sources,
    })),
  };
}

/** The positions held in a country or organization, each linked to its holder. */
function positionsSection(positions: ExplorerPositionsFragment): Section {
  return {
    title: 'Positions',
    total: positions.totalCount,
    items: positions.nodes.map((p) => ({
      id: p.id,
      type: 'Position',
      label: `${p.title}: ${p.person.name}`,
      link: link('Person', p.person),
      details: [p.title, formatRange(p.since, p.until)],
      rank: rankOf(p),
      sources: p.sources,
    })),
  };
}

/** Loads the page model of one entity; null when no entity has that id. */
export async function loadEntity(type: EntityType, id: string): Promise<EntityModel | null> {
  switch (type) {
    case 'Country': {
      const c = (await query(ExplorerCountryDocument, { id })).country;
      if (!c) return null;
      return {
        type,
        title: c.name,
        actions: [h('a', { href: timelinePath({ participant: c.id }) }, `Timeline of ${c.name}`)],
        facts: [
          { field: 'name', value: c.name },
          { field: 'officialName', value: c.officialName },
          { field: 'aliases', label: 'Also known as', value: c.aliases.join(', ') },
          { field: 'iso2', label: 'ISO 3166-1 alpha-2', value: c.iso2 },
          { field: 'iso3', label: 'ISO 3166-1 alpha-3', value: c.iso3 },
          { field: 'capital', value: c.capital },
          { field: 'region', value: c.region },
          { field: 'recognition', value: humanize(c.recognition) },
          { field: 'historical', value: c.historical ? 'yes, no longer exists' : null },
          { field: 'independence', value: date(c.independence) },
          { field: 'dissolved', value: date(c.dissolved) },
        ],
        claims: c.claims,
        figures: c.figures.nodes,
        sections: [
          {
            title: 'Memberships',
            total: c.memberships.totalCount,
            items: c.memberships.nodes.map((m) => ({
              id: m.id,
              type: 'Membership',
              label: `Membership of ${c.name} in ${m.organization.name}`,
              link: link('Organization', m.organization),
              details: [humanize(m.status), formatRange(m.since, m.until)],
              rank: rankOf(m),
              sources: m.sources,
            })),
          },
          agreementsSection(c.name, c.agreements),
          eventsSection(c.name, c.events),
          projectsSection(c.name, c.projects),
          positionsSection(c.positions),
        ],
      };
    }
    case 'Organization': {
      const o = (await query(ExplorerOrganizationDocument, { id })).organization;
      if (!o) return null;
      return {
        type,
        title: o.name,
        summary: o.summary,
        actions: [
          h('a', { href: timelinePath({ participant: o.id }) }, `Timeline of ${o.acronym ?? o.name}`),
        ],
        facts: [
          { field: 'name', value: o.name },
          { field: 'acronym', value: o.acronym },
          { field: 'aliases', label: 'Also known as', value: o.aliases.join(', ') },
          { field: 'kind', value: humanize(o.kind) },
          { field: 'founded', value: date(o.founded) },
          { field: 'headquarters', value: o.headquarters },
          { field: 'parent', label: 'Part of', value: link('Organization', o.parent) },
          { field: 'summary', value: o.summary },
        ],
        claims: o.claims,
        figures: o.figures.nodes,
        sections: [
          {
            title: 'Members',
            total: o.members.totalCount,
            items: o.members.nodes.map((m) => ({
              id: m.id,
              type: 'Membership',
              label: `Membership of ${m.member.__typename === 'Country' || m.member.__typename === 'Organization' ? m.member.name : ''} in ${o.name}`,
              link: actorLink(m.member),
              details: [humanize(m.status), formatRange(m.since, m.until)],
              rank: rankOf(m),
              sources: m.sources,
            })),
          },
          {
            title: 'Member of',
            total: o.memberships.totalCount,
            items: o.memberships.nodes.map((m) => ({
              id: m.id,
              type: 'Membership',
              label: `Membership of ${o.name} in ${m.organization.name}`,
              link: link('Organization', m.organization),
              details: [humanize(m.status), m.since ? `since ${formatDate(m.since)}` : null],
              rank: rankOf(m),
              sources: m.sources,
            })),
          },
          {
            title: 'Parts',
            total: o.children.totalCount,
            items: o.children.nodes.map((child) => ({
              id: child.id,
              type: 'Organization',
              label: child.name,
              link: link('Organization', child),
              details: [],
            })),
          },
          agreementsSection(o.name, o.agreements),
          eventsSection(o.name, o.events),
          projectsSection(o.name, o.projects),
          positionsSection(o.positions),
        ],
      };
    }
    case 'Agreement': {
      const a = (await query(ExplorerAgreementDocument, { id })).agreement;
      if (!a) return null;
      return {
        type,
        title: a.name,
        summary: a.summary,
        facts: [
          { field: 'name', value: a.name },
          { field: 'aliases', label: 'Also known as', value: a.aliases.join(', ') },
          { field: 'kind', value: humanize(a.kind) },
          { field: 'status', value: humanize(a.status) },
          { field: 'signed', value: date(a.signed) },
          { field: 'ratified', value: date(a.ratified) },
          { field: 'inForce', label: 'In force', value: date(a.inForce) },
          { field: 'place', value: a.place },
          { field: 'placeCountry', label: 'Country', value: link('Country', a.placeCountry) },
          { field: 'event', label: 'Signed at', value: link('Event', a.event) },
          { field: 'summary', value: a.summary },
        ],
        claims: a.claims,
        figures: a.figures.nodes,
        sections: [
          {
            title: 'Parties',
            total: a.parties.totalCount,
            items: a.parties.nodes.map((p) => ({
              id: p.id,
              type: 'AgreementParty',
              label: `${p.party.__typename === 'Country' || p.party.__typename === 'Organization' ? p.party.name : ''} in ${a.name}`,
              link: actorLink(p.party),
              details: [humanize(p.role), p.date ? formatDate(p.date) : null],
              rank: rankOf(p),
              sources: p.sources,
            })),
          },
        ],
      };
    }
    case 'Event': {
      const e = (await query(ExplorerEventDocument, { id })).event;
      if (!e) return null;
      return {
        type,
        title: e.name,
        summary: e.summary,
        facts: [
          { field: 'name', value: e.name },
          { field: 'aliases', label: 'Also known as', value: e.aliases.join(', ') },
          { field: 'kind', value: humanize(e.kind) },
          { field: 'start', value: date(e.start) },
          { field: 'end', value: date(e.end) },
          { field: 'city', value: e.city },
          { field: 'country', value: link('Country', e.country) },
          { field: 'partOf', label: 'Part of', value: link('Event', e.partOf) },
          { field: 'summary', value: e.summary },
        ],
        claims: e.claims,
        sections: [
          {
            title: 'Participants',
            total: e.participants.totalCount,
            items: e.participants.nodes.map((p) => ({
              id: p.id,
              type: 'EventParticipant',
              label: `${p.participant.name} at ${e.name}`,
              link: link(p.participant.__typename, p.participant),
              details: [humanize(p.role)],
              rank: rankOf(p),
              sources: p.sources,
            })),
          },
          {
            title: 'Meetings on its sidelines',
            total: e.parts.totalCount,
            items: e.parts.nodes.map((p) => ({
              id: p.id,
              type: 'Event',
              label: p.name,
              link: link('Event', p),
              details: [formatDate(p.start)],
            })),
          },
          {
            title: 'Outcomes',
            total: e.outcomes.totalCount,
            items: e.outcomes.nodes.map((p) => ({
              id: p.id,
              type: 'Agreement',
              label: p.name,
              link: link('Agreement', p),
              details: [p.signed ? `signed ${formatDate(p.signed)}` : null],
            })),
          },
        ],
      };
    }
    case 'Person': {
      const p = (await query(ExplorerPersonDocument, { id })).person;
      if (!p) return null;
      return {
        type,
        title: p.name,
        facts: [
          { field: 'name', value: p.name },
          { field: 'aliases', label: 'Also known as', value: p.aliases.join(', ') },
          { field: 'nationality', value: link('Country', p.nationality) },
        ],
        claims: p.claims,
        sections: [
          {
            title: 'Positions',
            total: p.positions.totalCount,
            items: p.positions.nodes.map((x) => ({
              id: x.id,
              type: 'Position',
              label: `${x.title}: ${p.name}`,
              link: h('a', { href: entityPath('Position', x.id) }, x.title),
              details: [x.of && 'name' in x.of ? x.of.name : null, formatRange(x.since, x.until)],
              rank: rankOf(x),
              sources: x.sources,
            })),
          },
          {
            title: 'Events',
            total: p.events.totalCount,
            items: p.events.nodes.map((x) => ({
              id: x.id,
              type: 'EventParticipant',
              label: `${p.name} at ${x.event.name}`,
              link: link('Event', x.event),
              details: [humanize(x.role), formatDate(x.event.start)],
              rank: rankOf(x),
              sources: x.sources,
            })),
          },
        ],
      };
    }
    case 'Project': {
      const p = (await query(ExplorerProjectDocument, { id })).project;
      if (!p) return null;
      return {
        type,
        title: p.name,
        summary: p.summary,
        facts: [
          { field: 'name', value: p.name },
          { field: 'aliases', label: 'Also known as', value: p.aliases.join(', ') },
          { field: 'kind', value: humanize(p.kind) },
          { field: 'status', value: humanize(p.status) },
          { field: 'summary', value: p.summary },
        ],
        claims: p.claims,
        figures: p.figures.nodes,
        sections: [
          {
            title: 'Participants',
            total: p.participants.totalCount,
            items: p.participants.nodes.map((x) => ({
              id: x.id,
              type: 'ProjectParticipant',
              label: `${x.participant.__typename === 'Country' || x.participant.__typename === 'Organization' ? x.participant.name : ''} in ${p.name}`,
              link: actorLink(x.participant),
              details: [humanize(x.role)],
              rank: rankOf(x),
              sources: x.sources,
            })),
          },
        ],
      };
    }
    default:
      return loadNode(type, id);
  }
}

/** Figures and relationships (membership, party, participant, position), through `node(id:)`. */
async function loadNode(type: EntityType, id: string): Promise<EntityModel | null> {
  const node = (await query(ExplorerNodeDocument, { id })).node;
  if (!node || node.__typename !== type) return null;
  switch (node.__typename) {
    case 'Figure':
      return {
        type,
        title: `${humanize(node.metric)}: ${formatAmount(node.value, node.unit)}`,
        summary: node.description,
        facts: [
          { field: 'value', value: formatAmount(node.value, node.unit) },
          { field: 'asStated', label: 'As stated', value: node.asStated },
          { field: 'metric', value: humanize(node.metric) },
          { field: 'unit', value: node.unit },
          { field: 'period', value: date(node.period) },
          { field: 'qualifier', value: humanize(node.qualifier) },
          {
            field: 'subject',
            value: node.subject
              ? link(node.subject.__typename, { id: node.subject.id, name: nodeName(node.subject) })
              : null,
          },
          {
            field: 'counterpart',
            value: node.counterpart
              ? link(node.counterpart.__typename, {
                  id: node.counterpart.id,
                  name: nodeName(node.counterpart),
                })
              : null,
          },
          { field: 'description', value: node.description },
        ],
        claims: node.claims,
        sections: [],
      };
    case 'Membership':
      return {
        type,
        title: `${actorName(node.member)} in ${node.organization.name}`,
        facts: [
          { field: 'member', value: actorLink(node.member) },
          { field: 'organization', value: link('Organization', node.organization) },
          { field: 'status', value: humanize(node.status) },
        ],
        claims: node.claims,
        sections: [],
      };
    case 'AgreementParty':
      return {
        type,
        title: `${actorName(node.party)} in ${node.agreement.name}`,
        facts: [
          { field: 'party', value: actorLink(node.party) },
          { field: 'agreement', value: link('Agreement', node.agreement) },
          { field: 'role', value: humanize(node.partyRole) },
        ],
        claims: node.claims,
        sections: [],
      };
    case 'EventParticipant':
      return {
        type,
        title: `${nodeName(node.participant)} at ${node.event.name}`,
        facts: [
          {
            field: 'participant',
            value: link(node.participant.__typename, {
              id: node.participant.id,
              name: nodeName(node.participant),
            }),
          },
          { field: 'event', value: link('Event', node.event) },
          { field: 'role', value: humanize(node.participantRole) },
        ],
        claims: node.claims,
        sections: [],
      };
    case 'ProjectParticipant':
      return {
        type,
        title: `${actorName(node.participant)} in ${node.project.name}`,
        facts: [
          { field: 'participant', value: actorLink(node.participant) },
          { field: 'project', value: link('Project', node.project) },
          { field: 'role', value: humanize(node.projectRole) },
        ],
        claims: node.claims,
        sections: [],
      };
    case 'Position':
      return {
        type,
        title: `${node.title}: ${node.person.name}`,
        facts: [
          { field: 'title', value: node.title },
          { field: 'person', value: link('Person', node.person) },
          { field: 'of', label: 'Of', value: actorLink(node.of) },
        ],
        claims: node.claims,
        sections: [],
      };
    default:
      return null;
  }
}

function actorName(actor: Actor): string {
  return actor?.name ?? '';
}
