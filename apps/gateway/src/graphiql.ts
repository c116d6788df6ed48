import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { GRAPHIQL_EXAMPLES } from './graphiql-examples';

/** Files served from installed packages, so GraphiQL works offline (no CDN). */
const ASSETS: Record<string, string> = {
  'react.js': join(dirname(require.resolve('react/package.json')), 'umd', 'react.production.min.js'),
  'react-dom.js': join(
    dirname(require.resolve('react-dom/package.json')),
    'umd',
    'react-dom.production.min.js',
  ),
  'graphiql.js': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
  'graphiql.css': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Control plane API · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.css">
  <style>
    html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; }
    body { display: flex; flex-direction: column; }
    #auth { display: flex; gap: .5rem; align-items: center; padding: .4rem .8rem; border-bottom: 1px solid #ddd; font-size: 14px; }
    #auth input { flex: 1; font-family: monospace; padding: .25rem .4rem; }
    #graphiql { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <div id="auth">
    <label for="token">Bearer token</label>
    <input id="token" name="token" type="password" autocomplete="off" placeholder="Paste a token from logIn / signUp, or an API key secret">
  </div>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script src="/graphiql/app.js"></script>
</body>
</html>`;

/**
 * Sends the pasted token (kept for this browser tab only) with every query. A first visit opens
 * on the introduction and the journey's examples (GraphiQL's defaultTabs; later visits keep the
 * tabs GraphiQL stored); a link with ?query= opens on that query alone.
 */
const APP_SCRIPT = `(function () {
  var EXAMPLES = ${JSON.stringify(GRAPHIQL_EXAMPLES)};
  var tokenInput = document.getElementById('token');
  tokenInput.value = sessionStorage.getItem('controlplane.token') || '';
  tokenInput.addEventListener('input', function () { sessionStorage.setItem('controlplane.token', tokenInput.value.trim()); });
  function fetcher(params, options) {
    var headers = Object.assign({ 'content-type': 'application/json' }, (options && options.headers) || {});
    var token = tokenInput.value.trim();
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (r) { return r.json(); });
  }
  var query = new URLSearchParams(location.search).get('query') || undefined;
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var props = query
    ? { fetcher: fetcher, defaultQuery: query, query: query, defaultEditorToolsVisibility: false }
    : { fetcher: fetcher, defaultTabs: EXAMPLES, defaultQuery: EXAMPLES[0].query, defaultEditorToolsVisibility: 'variables' };
  root.render(React.createElement(GraphiQL, props));
})();`;

/** GET /graphql (HTML) and its assets under /graphiql/. */
export function createGraphiqlRouter(): Router {
  const router = express.Router();
  for (const [name, file] of Object.entries(ASSETS)) {
    router.get(`/graphiql/${name}`, (_req, res) => {
      res.sendFile(file, { maxAge: '1d' });
    });
  }
  router.get('/graphiql/app.js', (_req, res) => {
    res.type('application/javascript').send(APP_SCRIPT);
  });
  router.get('/graphql', (req, res, next) => {
    if (!req.accepts('html')) {
      next();
      return;
    }
    res
      .set(
        'content-security-policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:",
      )
      .type('html')
      .send(PAGE);
  });
  return router;
}
