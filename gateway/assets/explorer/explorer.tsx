import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './explorer.css';
import { SchemaFollowsToken } from './schema-follows-token';

/**
 * The explorer's browser code, bundled by the gateway (gateway/src/explorer/explorer-bundle.ts) and served
 * with everything it loads, so it works with no internet. Outside the Node typecheck: it needs the DOM and JSX.
 */

/** Where this bundle was loaded from: Monaco's workers are bundles beside it. Read now, while the script runs. */
const bundleUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? document.baseURI;

// Monaco runs its language services in web workers, which it asks for when GraphiQL mounts an editor.
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    const name = label === 'json' || label === 'graphql' ? label : 'editor';
    return new Worker(new URL(`${name}.worker.js`, bundleUrl), { name: label });
  },
};

/** A hint, not a token: the gateway answers UNAUTHENTICATED until a real one replaces it (`npm run token`). */
const HEADERS_HINT = JSON.stringify({ Authorization: 'Bearer <token>' }, null, 2);

const FIRST_QUERY = `# Put a bearer token in Headers below (npm run token),
# then run this with Ctrl-Enter. The docs (the book
# icon on the left) load once the token is there.
{
  citizens(first: 5) {
    edges {
      node {
        id
        name
      }
    }
  }
}
`;

// The page is served by the endpoint itself, so it asks where it was loaded from (behind any proxy's prefix too).
const fetcher = createGraphiQLFetcher({ url: `${location.origin}${location.pathname}`, enableIncrementalDelivery: false });

createRoot(document.getElementById('explorer')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={FIRST_QUERY}
    defaultHeaders={HEADERS_HINT}
    defaultEditorToolsVisibility="headers"
    // Tabs and history last as long as this browser tab; headers, and so tokens, are never stored.
    storage={sessionStorage}
    shouldPersistHeaders={false}
    showPersistHeadersSettings={false}
  >
    <SchemaFollowsToken />
  </GraphiQL>,
);
