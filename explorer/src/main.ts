/**
 * The explorer: a single-page application under /explorer. Links inside it are followed without reloading
 * the page; every view has its own URL, so reloading or sharing a URL opens the same view.
 */
import './style.css';
import { ApiError } from './api';
import { byId, h, replace } from './dom';
import { loadEntity, renderEntity } from './pages/entity';
import { renderDocument } from './pages/document';
import { renderNetwork } from './pages/network';
import { renderTimeline } from './pages/timeline';
import { mountSearch } from './search';
import { closeSources, emptyPanel } from './sources';
import { BASE, entityPath, typeOfSegment } from './routes';

const main = byId('main');
let renderCount = 0;

function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  void render(true);
}

function home(): HTMLElement {
  const start: [string, string][] = [
    ['Organization', 'T3JnYW5pemF0aW9uOm9yZ2FuaXphdGlvbi1vZi10dXJraWMtc3RhdGVz'],
    ['Country', 'Q291bnRyeTprYXpha2hzdGFu'],
  ];
  return h(
    'article',
    { class: 'home' },
    h('h1', null, 'Facts about states and organizations, each with its sources'),
    h(
      'p',
      { class: 'summary' },
      'Search for a state, an organization, an agreement, an event, a person or a document above. Every value on a page has a numbered marker: open it to read the quotes that state it, in their context, with the document they come from. Where sources disagree, the competing values stand side by side with their ranks.',
    ),
    h(
      'ul',
      { class: 'cards' },
      h(
        'li',
        null,
        h('a', { href: `${BASE}/timeline` }, 'Timeline'),
        h('span', null, 'Events and agreements by date, by country or organization.'),
      ),
      h(
        'li',
        null,
        h('a', { href: `${BASE}/network` }, 'Network'),
        h('span', null, 'Countries and organizations linked by memberships and agreements.'),
      ),
      h(
        'li',
        null,
        h('a', { href: entityPath(start[0]![0], start[0]![1]) }, 'Organization of Turkic States'),
        h('span', null, 'An organization with its members and former names.'),
      ),
      h(
        'li',
        null,
        h('a', { href: entityPath(start[1]![0], start[1]![1]) }, 'Kazakhstan'),
        h('span', null, 'A country with competing figures.'),
      ),
    ),
  );
}

function notFound(what: string): HTMLElement {
  return h(
    'article',
    null,
    h('h1', null, 'Not found'),
    h('p', null, what),
    h('p', null, h('a', { href: `${BASE}/` }, 'Back to the start')),
  );
}

async function view(path: string, params: URLSearchParams): Promise<{ title: string; content: HTMLElement }> {
  const segments = path.slice(BASE.length).split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = segments;
  if (!first) return { title: 'Explorer', content: home() };
  if (first === 'timeline' && !second) {
    const content = await renderTimeline(
      {
        participant: params.get('participant') ?? undefined,
        from: params.get('from') ?? undefined,
        to: params.get('to') ?? undefined,
      },
      navigate,
    );
    return { title: content.querySelector('h1')?.textContent ?? 'Timeline', content };
  }
  if (first === 'network' && !second) return { title: 'Network', content: await renderNetwork(navigate) };
  const type = typeOfSegment(first);
  if (type && second && !rest.length) {
    if (type === 'Document') {
      const content = await renderDocument(second);
      return content
        ? { title: content.querySelector('h1')?.textContent ?? 'Document', content }
        : { title: 'Not found', content: notFound(`No document has the id “${second}”.`) };
    }
    const model = await loadEntity(type, second);
    return model
      ? { title: model.title, content: renderEntity(model) }
      : { title: 'Not found', content: notFound(`No ${first.replace(/-/g, ' ')} has the id “${second}”.`) };
  }
  return { title: 'Not found', content: notFound(`The explorer has no page at ${path}.`) };
}

async function render(moveFocus: boolean): Promise<void> {
  const mine = ++renderCount;
  closeSources();
  main.setAttribute('aria-busy', 'true');
  try {
    const { title, content } = await view(location.pathname, new URLSearchParams(location.search));
    if (mine !== renderCount) return;
    document.title = `${title} · eurasia-graph explorer`;
    replace(main, content);
  } catch (error) {
    if (mine !== renderCount) return;
    document.title = 'Error · eurasia-graph explorer';
    replace(
      main,
      h('h1', null, 'This page could not be loaded'),
      h(
        'p',
        { class: 'error', role: 'alert' },
        error instanceof ApiError ? error.message : 'The service could not be reached.',
      ),
    );
  } finally {
    if (mine === renderCount) main.removeAttribute('aria-busy');
  }
  if (mine !== renderCount) return;
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target) {
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  } else if (moveFocus) {
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
  }
}

// Links inside the explorer change the view without reloading; anything else is left to the browser.
document.addEventListener('click', (event) => {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || !(url.pathname === BASE || url.pathname.startsWith(`${BASE}/`)))
    return;
  event.preventDefault();
  if (url.pathname === location.pathname && url.search === location.search && url.hash) {
    history.pushState(null, '', url.hash);
    const target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    target?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
    return;
  }
  history.pushState(null, '', url.pathname + url.search + url.hash);
  void render(true);
});
window.addEventListener('popstate', () => void render(false));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && document.body.classList.contains('sources-open')) closeSources();
});

replace(byId('sources'), emptyPanel());
mountSearch(byId('search'), navigate);
void render(false);
