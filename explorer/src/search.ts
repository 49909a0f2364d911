/**
 * The search box: one box over every entity type and the documents. Results come grouped by type with the
 * matched text highlighted; arrow keys move through them, Enter opens one, Escape closes the list
 * (the WAI-ARIA combobox pattern).
 */
import { query } from './api';
import { ExplorerSearchDocument, type ExplorerSearchQuery } from '../../clients/generated/graphql';
import { h, replace } from './dom';
import { formatDate, highlight, matches } from './format';
import { entityPath } from './routes';

type Hit = ExplorerSearchQuery['search']['edges'][number];
type HitNode = Hit['node'];

const GROUPS: [string, string][] = [
  ['Country', 'Countries'],
  ['Organization', 'Organizations'],
  ['Agreement', 'Agreements'],
  ['Event', 'Events'],
  ['Person', 'People'],
  ['Project', 'Projects'],
  ['Figure', 'Figures'],
  ['Document', 'Documents'],
  ['Membership', 'Memberships'],
  ['AgreementParty', 'Agreement parties'],
  ['EventParticipant', 'Event participants'],
  ['ProjectParticipant', 'Project participants'],
  ['Position', 'Positions'],
];

const DEBOUNCE_MS = 200;

/** The line a hit is shown as, and a second line saying where else it matched. */
function describe(node: HitNode, text: string): { id: string; label: string; extra?: string } {
  switch (node.__typename) {
    case 'Country':
    case 'Agreement':
    case 'Person':
    case 'Project': {
      const alias = matches(node.name, text) ? undefined : node.aliases.find((a) => matches(a, text));
      return { id: node.id, label: node.name, extra: alias ? `also known as ${alias}` : undefined };
    }
    case 'Organization': {
      const alias = matches(node.name, text) ? undefined : node.aliases.find((a) => matches(a, text));
      return {
        id: node.id,
        label: node.acronym ? `${node.name} (${node.acronym})` : node.name,
        extra: alias ? `also known as ${alias}` : undefined,
      };
    }
    case 'Event': {
      const alias = matches(node.name, text) ? undefined : node.aliases.find((a) => matches(a, text));
      return {
        id: node.id,
        label: node.name,
        extra: [formatDate(node.start), alias ? `also known as ${alias}` : ''].filter(Boolean).join(' · '),
      };
    }
    case 'Figure':
      return { id: node.id, label: node.asStated ?? 'Figure', extra: node.description ?? undefined };
    case 'Document':
      return { id: node.id, label: node.title, extra: node.publisher ?? undefined };
    case 'Membership':
      return { id: node.id, label: `${node.member.name ?? ''} in ${node.organization.name}` };
    case 'AgreementParty':
      return { id: node.id, label: `${node.party.name ?? ''} in ${node.agreement.name}` };
    case 'EventParticipant':
      return { id: node.id, label: `${node.participant.name} at ${node.event.name}` };
    case 'ProjectParticipant':
      return { id: node.id, label: `${node.participant.name ?? ''} in ${node.project.name}` };
    case 'Position':
      return { id: node.id, label: node.title };
  }
}

export function mountSearch(container: HTMLElement, navigate: (path: string) => void): void {
  const input = h('input', {
    id: 'search-input',
    type: 'search',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'Search states, organizations, agreements, documents…',
    'aria-label': 'Search everything',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'search-results',
  });
  const list = h('div', {
    id: 'search-results',
    role: 'listbox',
    'aria-label': 'Search results',
    hidden: true,
  });
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  replace(
    container,
    h('label', { for: 'search-input', class: 'visually-hidden' }, 'Search'),
    input,
    list,
    status,
  );

  let options: HTMLElement[] = [];
  let active = -1;
  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setActive = (index: number): void => {
    options[active]?.setAttribute('aria-selected', 'false');
    active = index;
    const option = options[active];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };
  const open = (path: string): void => {
    close();
    input.value = '';
    navigate(path);
  };

  const render = (hits: Hit[], text: string): void => {
    options = [];
    active = -1;
    const groups = GROUPS.map(([type, title]) => ({
      type,
      title,
      hits: hits.filter((hit) => hit.node.__typename === type),
    }))
      .filter((g) => g.hits.length)
      // the group of the best hit first: a name match leads, whatever its type
      .sort((a, b) => b.hits[0]!.score - a.hits[0]!.score);
    replace(
      list,
      groups.length
        ? groups.map((group) => {
            const headingId = `search-group-${group.type}`;
            return h(
              'div',
              { role: 'group', 'aria-labelledby': headingId, class: 'search-group' },
              h('p', { id: headingId, class: 'search-group-title', role: 'presentation' }, group.title),
              group.hits.map((hit) => {
                const { id, label, extra } = describe(hit.node, text);
                const path = entityPath(hit.node.__typename, id);
                const option = h(
                  'div',
                  {
                    id: `search-option-${options.length}`,
                    role: 'option',
                    class: 'search-option',
                    'aria-selected': 'false',
                    'data-path': path,
                  },
                  h('span', { class: 'option-label' }, highlight(label, text)),
                  extra ? h('span', { class: 'option-extra' }, highlight(extra, text)) : null,
                  h('span', { class: 'option-matched' }, `matched in ${hit.matchedIn.join(', ')}`),
                );
                option.addEventListener('mousedown', (event) => event.preventDefault());
                option.addEventListener('click', () => open(path));
                options.push(option);
                return option;
              }),
            );
          })
        : h('p', { class: 'search-empty' }, `Nothing matches “${text}”.`),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = `${hits.length} results`;
  };

  const run = async (): Promise<void> => {
    const text = input.value.trim();
    const mine = ++sequence;
    if (text.length < 2) return close();
    try {
      const data = await query(ExplorerSearchDocument, { text });
      if (mine === sequence) render(data.search.edges, text);
    } catch (error) {
      if (mine !== sequence) return;
      replace(list, h('p', { class: 'search-empty', role: 'alert' }, (error as Error).message));
      list.hidden = false;
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && options.length) {
      event.preventDefault();
      if (list.hidden) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
      setActive((active + 1) % options.length);
    } else if (event.key === 'ArrowUp' && options.length) {
      event.preventDefault();
      setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === 'Enter') {
      const option = options[active] ?? options[0];
      if (option?.dataset.path && !list.hidden) {
        event.preventDefault();
        open(option.dataset.path);
      }
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}
