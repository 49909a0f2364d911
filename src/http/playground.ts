/**
 * The GraphiQL playground, served from the project's own dependencies: the page loads its scripts and
 * styles from this server only, so it works offline and sends nothing to any other host.
 */
import express, { type Router } from 'express';
import path from 'node:path';

const ASSETS: Record<string, string> = {
  'react.js': 'react/umd/react.production.min.js',
  'react-dom.js': 'react-dom/umd/react-dom.production.min.js',
  'graphiql.js': 'graphiql/dist/index.umd.js',
  'graphiql.css': 'graphiql/dist/style.css',
};

const DEFAULT_QUERY = `# Welcome to eurasia-graph: facts about states and organizations, each with its sources.
# Press the run button (or Ctrl-Enter) to run this query; open the docs panel to explore the schema.
query CountryWithSources {
  country(name: "Turkey") {
    name
    aliases
    claims(fields: [NAME, CAPITAL]) {
      field
      value
      rank
      sources { quote document { title publisher } }
    }
  }
}
`;

/** The page's one inline script; the Content-Security-Policy allows it by its hash. */
export function playgroundScript(graphqlPath: string): string {
  return `
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(graphqlPath)} });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, shouldPersistHeaders: false })
    );
  `;
}

export function playgroundPage(graphqlPath: string): string {
  const assets = `${graphqlPath}/playground`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>eurasia-graph playground</title>
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
  <script>${playgroundScript(graphqlPath)}</script>
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
