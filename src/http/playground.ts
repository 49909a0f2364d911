/**
 * The GraphiQL playground, served from the project's own dependencies: the page loads its scripts and
 * styles from this server only, so it works offline and sends nothing to any other host.
 */
import express, { type Router } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { toGlobalId } from '../provenance/ids';

const ASSETS: Record<string, string> = {
  'react.js': 'react/umd/react.production.min.js',
  'react-dom.js': 'react-dom/umd/react-dom.production.min.js',
  'graphiql.js': 'graphiql/dist/index.umd.js',
  'graphiql.css': 'graphiql/dist/style.css',
};

export const WELCOME_QUERY = `# Welcome to eurasia-graph: facts about states and organizations, each with its sources.
# Press the run button (or Ctrl-Enter) to run this query; open the docs panel to explore the schema.
# The other tabs hold the example operations a front end sends (clients/operations).
query Welcome {
  country(name: "Türkiye") {
    name
    aliases
    claims(fields: [NAME]) {
      field
      value
      rank
      sources { quote document { title publisher } }
    }
    memberships(first: 5) {
      nodes {
        organization { name acronym }
        status
        rank
        sources { quote document { title } }
      }
    }
  }
}
`;

/**
 * The example operations of clients/operations a front end would start from, each opened in a tab of its
 * own with variables that give an answer. The explorer's operations live beside them but share fragments
 * across files and need an entity's id, so they are no ready-to-run examples.
 */
const OPERATIONS_DIR = path.resolve(__dirname, '..', '..', 'clients', 'operations');
const EXAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  'country-page': { name: 'Kazakhstan' },
  'organization-members': { name: 'Organization of Turkic States' },
  'agreement-parties': { name: 'Samarkand Declaration' },
  search: { text: 'Middle Corridor' },
  timeline: { participants: [toGlobalId('Country', 'kazakhstan')], from: '1991', to: '2025' },
  relations: { a: toGlobalId('Country', 'kazakhstan'), b: toGlobalId('Country', 'turkiye') },
};

export interface PlaygroundTab {
  query: string;
  variables?: string;
}

/** The welcome tab, then one tab per example operation found in clients/operations. */
export function playgroundTabs(): PlaygroundTab[] {
  const examples = Object.keys(EXAMPLE_VARIABLES).filter((name) =>
    fs.existsSync(path.join(OPERATIONS_DIR, `${name}.graphql`)),
  );
  return [
    { query: WELCOME_QUERY },
    ...examples.map((name) => ({
      query: fs.readFileSync(path.join(OPERATIONS_DIR, `${name}.graphql`), 'utf8'),
      variables: JSON.stringify(EXAMPLE_VARIABLES[name], null, 2),
    })),
  ];
}

/** The page's one inline script; the Content-Security-Policy allows it by its hash. */
export function playgroundScript(graphqlPath: string, tabs: PlaygroundTab[]): string {
  // inside a <script>, "</" would end it: escape it in the JSON
  const defaultTabs = JSON.stringify(tabs).replace(/<\//g, '<\\/');
  return `
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(graphqlPath)} });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultTabs: ${defaultTabs}, shouldPersistHeaders: false })
    );
  `;
}

export function playgroundPage(graphqlPath: string, tabs: PlaygroundTab[]): string {
  const assets = `${graphqlPath}/playground`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>eurasia-graph playground</title>
  <link rel="icon" href="/favicon.ico">
  <link rel="stylesheet" href="${assets}/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }
    .explorer-link { position: fixed; right: 12px; bottom: 10px; z-index: 10; font: 14px system-ui, sans-serif; }</style>
</head>
<body>
  <div id="graphiql">Loading the playground…</div>
  <a class="explorer-link" href="/explorer/">Open the explorer: every value with its sources</a>
  <script src="${assets}/react.js"></script>
  <script src="${assets}/react-dom.js"></script>
  <script src="${assets}/graphiql.js"></script>
  <script>${playgroundScript(graphqlPath, tabs)}</script>
</body>
</html>`;
}

/** Serves the page's scripts and styles from node_modules. */
export function playgroundAssets(): Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  const modules = path.dirname(require.resolve('react/package.json')).replace(/[\\/]react$/, '');
  for (const [name, file] of Object.entries(ASSETS)) {
    const full = path.join(modules, file);
    router.get(`/${name}`, (_req, res) => {
      res.type(name.endsWith('.css') ? 'text/css' : 'application/javascript');
      res.set('Cache-Control', 'public, max-age=86400');
      res.sendFile(full);
    });
  }
  return router;
}

/** A browser opening the endpoint (GET, HTML accepted, no query) gets the playground. */
export function wantsPlayground(req: express.Request): boolean {
  return (
    req.method === 'GET' &&
    req.query.query === undefined &&
    req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html'
  );
}
