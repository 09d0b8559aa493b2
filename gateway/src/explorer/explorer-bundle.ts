import { extname, join } from 'node:path';

/** The explorer's own sources (assets/explorer/), beside src/ and dist/ so both find them. */
export const EXPLORER_ASSETS = join(__dirname, '..', '..', 'assets', 'explorer');

/** One file of the bundle, as the gateway serves it. */
export interface BundledFile {
  body: Buffer;
  type: string;
  /** A strong validator: the browser revalidates (no-cache) and gets 304 while the bundle is unchanged. */
  etag: string;
}

/** The bundle's files by name: `explorer.js`, `explorer.css`, the Monaco workers, the fonts the CSS names. */
export type ExplorerBundle = ReadonlyMap<string, BundledFile>;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * Monaco's workers, each its own bundle: the page starts them by URL beside explorer.js
 * (assets/explorer/explorer.tsx), as graphiql's `setup-workers/webpack` does with its bundler.
 */
const WORKERS = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

/**
 * Builds the explorer with esbuild: GraphiQL, React and Monaco with its workers, CSS and fonts,
 * so the page loads nothing from anywhere but the gateway. esbuild and graphiql are devDependencies,
 * absent from a production install, so they are imported here, on first use, never at start-up.
 */
export async function buildExplorerBundle(): Promise<ExplorerBundle> {
  const esbuild = await import('esbuild');
  const outdir = join(EXPLORER_ASSETS, 'out');
  const result = await esbuild.build({
    absWorkingDir: join(EXPLORER_ASSETS, '..', '..'),
    entryPoints: [
      { in: join(EXPLORER_ASSETS, 'explorer.tsx'), out: 'explorer' },
      ...Object.entries(WORKERS).map(([out, entry]) => ({ in: entry, out })),
    ],
    outdir,
    // Kept in memory and served from there: nothing is written under the package.
    write: false,
    bundle: true,
    // Classic scripts and classic workers: no module loading at run time, so one file each.
    format: 'iife',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    // React's production build for the browser; the gateway's own mode is not the bundle's concern.
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    logLevel: 'silent',
  });
  return new Map(
    result.outputFiles.map((file) => {
      const name = file.path.slice(outdir.length + 1);
      const type = TYPES[extname(name)] ?? 'application/octet-stream';
      return [name, { body: Buffer.from(file.contents), type, etag: `"${file.hash}"` }];
    }),
  );
}
