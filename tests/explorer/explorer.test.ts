/**
 * The explorer in a real browser against the running service: search, entity pages with their sources,
 * competing figures, the timeline, the network and a document page. Every scenario checks that no request
 * left the service's host and that the console stayed free of errors, and saves a screenshot.
 */
import type { Browser } from 'playwright-core';
import { ensureExplorerBuilt, launchBrowser, openPage, type WatchedPage } from '../support/browser';
import { collectPages } from '../support/paging';
import { useTestService } from '../support/service';
import { itWithSources } from '../support/sources';

const api = useTestService();
let browser: Browser;
let current: WatchedPage | undefined;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ensureExplorerBuilt();
  browser = await launchBrowser();
  const { body } = await api.gql(`{
    ots: organization(name: "Organization of Turkic States") { id }
    kz: country(name: "Kazakhstan") { id }
    doc: documents(first: 1, filter: { publisher: "Center for Diplomatic Affairs and Political Studies" }) { nodes { id } }
  }`);
  ids.ots = body.data!.ots.id;
  ids.kz = body.data!.kz.id;
  ids.doc = body.data!.doc.nodes[0].id;
});
afterAll(() => browser?.close());

/** Opens a page of the explorer; the test's last step checks what the page sent and logged. */
async function visit(path: string, viewport?: { width: number; height: number }): Promise<WatchedPage> {
  current = await openPage(browser, api.origin, viewport);
  await current.page.goto(`${api.origin}${path}`);
  return current;
}

afterEach(async () => {
  const page = current;
  current = undefined;
  if (!page) return;
  await page.close();
  // asserted after every scenario, pass or fail, so a scenario cannot forget it
  expect({ outside: page.outside, errors: page.errors }).toEqual({ outside: [], errors: [] });
});

describe('Explorer: in the browser', () => {
  it('searches for "Turkic Council" and opens the Organization of Turkic States from the keyboard', async () => {
    const { page, screenshot } = await visit('/explorer/');
    await page.getByRole('combobox', { name: 'Search everything' }).fill('Turkic Council');
    // grouped by type, the group of the best hit first, the match highlighted where it matched (a former name)
    const group = page.getByRole('group', { name: 'Organizations' });
    const option = group.getByRole('option', { name: /^Organization of Turkic States/ });
    await option.waitFor();
    const groups = await page.locator('.search-group-title').allTextContents();
    expect(groups[0]).toBe('Organizations');
    expect(groups).toEqual(expect.arrayContaining(['Documents', 'Events']));
    expect(await option.locator('mark').allTextContents()).toContain('Turkic Council');
    await screenshot('search');
    await page.keyboard.press('ArrowDown');
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Organization of Turkic States' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/explorer/organization/${ids.ots}`);
  });

  // the words around a quote and a document's text come from the stored source texts
  itWithSources(
    'reveals the source of the founding date: the quote in its context and the document',
    async () => {
      const { page, screenshot } = await visit(`/explorer/organization/${ids.ots}`);
      const founded = page.locator('.fact[data-field="founded"]');
      await founded.waitFor();
      expect(await founded.locator('dd .value').textContent()).toBe('3 October 2009');
      const heading = await page.locator('h1').boundingBox();
      const marker = founded.getByRole('button', { name: /Sources for Founded/ });
      const before = await marker.boundingBox();
      await marker.click();
      const panel = page.getByRole('complementary', { name: 'Sources' });
      const quote = page.locator('mark', { hasText: 'On October 3, 2009, the Nakhchivan Agreement' });
      await panel.locator(quote).waitFor();
      // the quote in its context: the words around it come from the stored document text
      const citation = panel.locator('.citation', { has: quote });
      await citation.locator('.context').first().filter({ hasText: /\S/ }).waitFor();
      await expect(citation.textContent()).resolves.toContain(
        'Türkiye and the Organization of Turkic States: Is Global Partnership Possible through Regional Cooperation?',
      );
      await expect(citation.textContent()).resolves.toContain(
        'Center for Diplomatic Affairs and Political Studies',
      );
      // both claims side by side with their ranks, the curator's note with the preferred one
      const claims = panel.locator('.claim');
      expect(await claims.count()).toBe(2);
      expect(await claims.locator('.claim-value').allTextContents()).toEqual(['3 October 2009', '2009']);
      expect(await claims.locator('.badge').first().textContent()).toBe('preferred');
      const [first, second] = [await claims.nth(0).boundingBox(), await claims.nth(1).boundingBox()];
      expect(first!.y).toBe(second!.y);
      // opening the sources moved nothing on the page
      expect(await page.locator('h1').boundingBox()).toEqual(heading);
      expect(await marker.boundingBox()).toEqual(before);
      await screenshot('founding-date-sources');
      // Escape closes the panel and gives the focus back to the marker
      await page.keyboard.press('Escape');
      await expect(marker.evaluate((el) => el === (globalThis as any).document.activeElement)).resolves.toBe(
        true,
      );
    },
  );

  it('shows the sources of a value on a 360 px screen without sideways scrolling', async () => {
    const { page, screenshot } = await visit(`/explorer/organization/${ids.ots}`, {
      width: 360,
      height: 740,
    });
    const marker = page.getByRole('button', { name: /Sources for Founded/ });
    await marker.click();
    await page.getByRole('complementary', { name: 'Sources' }).locator('.claim').first().waitFor();
    const widths = await page.evaluate(() => {
      const root = (globalThis as any).document.documentElement;
      return { scroll: root.scrollWidth, client: root.clientWidth };
    });
    expect(widths.scroll).toBe(widths.client);
    await screenshot('founding-date-sources-360px');
  });

  it('shows a competing figure of Kazakhstan with both values and their ranks', async () => {
    const { page, screenshot } = await visit(`/explorer/country/${ids.kz}`);
    const figure = page.locator('.competing-figure', { hasText: 'United States' });
    await figure.first().waitFor();
    expect(await figure.count()).toBe(1);
    const values = figure.locator('.competing-values');
    await expect(values.textContent()).resolves.toMatch(/\$4\.2B\s*preferred\s*vs\s*\$3B\s*normal/);
    await figure.getByRole('button', { name: /Sources for/ }).click();
    const claims = page.getByRole('complementary', { name: 'Sources' }).locator('.claim');
    await claims.first().waitFor();
    expect(await claims.locator('.claim-value').allTextContents()).toEqual(['$4.2B', '$3B']);
    await expect(claims.nth(1).locator('.note').textContent()).resolves.toContain("Curator's sum");
    await figure.scrollIntoViewIfNeeded();
    await screenshot('kazakhstan-competing-figure');
  });

  it('filters the timeline to Kazakhstan, partial dates as they are', async () => {
    const { body } = await api.gql(
      `query ($p: [ID!]) { timeline(participants: $p, first: 100) { totalCount edges { date { text precision } } } }`,
      { p: [ids.kz] },
    );
    const expected = body.data!.timeline;
    const { page, screenshot } = await visit('/explorer/timeline');
    await page.getByLabel('Country or organization').selectOption({ label: 'Kazakhstan' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { level: 1, name: 'Timeline: Kazakhstan' }).waitFor();
    expect(new URL(page.url()).searchParams.get('participant')).toBe(ids.kz);
    const entries = page.locator('.timeline-entry');
    expect(await entries.count()).toBe(expected.edges.length);
    expect(expected.totalCount).toBeGreaterThan(0);
    // in the service's order (unknown dates last), each to its own precision
    const month = (m: string) =>
      new Date(Date.UTC(2000, Number(m) - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
    const written = expected.edges.map(({ date }: { date: { text: string; precision: string } }) => {
      const [y, m, d] = date.text.split('-');
      if (date.precision === 'YEAR') return y;
      if (date.precision === 'MONTH') return `${month(m!)} ${y}`;
      if (date.precision === 'DAY') return `${Number(d)} ${month(m!)} ${y}`;
      return 'date unknown';
    });
    expect(await entries.locator('.timeline-date').allTextContents()).toEqual(written);
    expect(new Set(expected.edges.map((e: any) => e.date.precision)).size).toBeGreaterThan(1);
    await screenshot('timeline-kazakhstan');
  });

  it("says which date of the timeline filter is wrong, with the service's message", async () => {
    const { page } = await visit('/explorer/timeline?from=2025-13');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toBe(
      'Invalid argument "from": "2025-13" has month 13: expected 01 to 12',
    );
    await expect(page.getByLabel('From').inputValue()).resolves.toBe('2025-13');
  });

  it('renders the network and opens the page of the node clicked', async () => {
    const { page, screenshot } = await visit('/explorer/network');
    const canvas = page.locator('#network[data-ready="true"]');
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    const position = await canvas.evaluate((element, id) => {
      const cy = (element as any).cy;
      const node = cy.getElementById(id);
      cy.center(node);
      return { ...node.renderedPosition(), count: cy.nodes().length, edges: cy.edges().length };
    }, ids.kz);
    expect(position.count).toBeGreaterThan(20);
    expect(position.edges).toBeGreaterThan(20);
    await screenshot('network');
    await page.mouse.click(box.x + position.x, box.y + position.y);
    await page.getByRole('heading', { level: 1, name: 'Kazakhstan' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/explorer/country/${ids.kz}`);
  });

  itWithSources(
    'marks every quote of a document in its text, across all its pages of citations',
    async () => {
      const citations = await collectPages<{ quote: string; span: { start: number } }>(
        api,
        `query ($id: ID!, $after: String) {
        document(id: $id) { citations(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { quote span { start } } } }
      }`,
        'document.citations',
        { variables: { id: ids.doc }, items: (connection) => connection.nodes! },
      );
      expect(citations.length).toBeGreaterThan(100);
      const { page, screenshot } = await visit(`/explorer/document/${ids.doc}`);
      await page.locator('.document-text').waitFor();
      const marked = (await page.locator('.document-text mark.cited').allTextContents()).join('\n');
      const unmarked = citations.filter((c) => !marked.includes(c.quote)).map((c) => c.quote);
      expect(unmarked).toEqual([]);
      const starts = new Set(citations.map((c) => c.span.start));
      expect(await page.locator('.document-text [id^="quote-"]').count()).toBe(starts.size);
      await expect(page.locator('.supports-all summary').textContent()).resolves.toContain(
        `(${citations.length} quotes)`,
      );
      // a marked quote, chosen from the keyboard, shows what it supports
      const founding = page.locator('mark.cited', {
        hasText: 'On October 3, 2009, the Nakhchivan Agreement',
      });
      await founding.focus();
      await page.keyboard.press('Enter');
      const panel = page.getByRole('complementary', { name: 'Sources' });
      await expect(panel.locator('.supports').textContent()).resolves.toContain(
        'Organization of Turkic States · Founded: 3 October 2009',
      );
      await screenshot('document-quotes');
    },
  );

  it('opens every view from its own URL, and answers an unknown id with a page that says so', async () => {
    const { page } = await visit(`/explorer/country/${encodeURIComponent('Q291bnRyeTpub3doZXJl')}`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('No country has the id');
  });
});
