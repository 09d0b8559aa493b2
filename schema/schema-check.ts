import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { apiSchemaSdl } from './api-schema';
import {
  breakingChanges,
  failsCheck,
  type SchemaChange,
  type SchemaComparison,
  type Severity,
  type SubgraphSdl,
} from './breaking-changes';
import { defaultUrl, SUBGRAPHS, SUPERGRAPH_PATH } from './subgraphs';

const ROOT = join(__dirname, '..');
/** The kit's part of every subgraph's schema (see subgraphs/kit/src/type-defs.ts). */
const SHARED_SCHEMA = 'subgraphs/kit/schema/shared.graphql';
const SUPERGRAPH = relative(ROOT, SUPERGRAPH_PATH);
const DEFAULT_BASE_REF = 'origin/main';

/** A mistake in how the check was asked for (exit code 2), not a finding about the schemas. */
export class SchemaCheckUsageError extends Error {}

export interface SchemaCheckOptions {
  /** A supergraph SDL file to compare the supergraph with, instead of the one committed at the base ref. */
  base?: string | undefined;
  /** The git ref whose committed schemas are the base (default `origin/main`, or `HEAD` where there is none). */
  baseRef?: string | undefined;
}

export interface SchemaCheckResult {
  lines: string[];
  exitCode: 0 | 1;
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function refExists(ref: string): boolean {
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** A file as committed at `ref`, or undefined where the ref has no such file. */
function committedFile(ref: string, path: string): string | undefined {
  try {
    return git(['show', `${ref}:${path}`]);
  } catch {
    return undefined;
  }
}

/**
 * A subgraph's whole SDL as the kit builds it: its own schema.graphql with the kit's
 * shared part and additions. Both sides take today's kit part (the additions come from
 * code), so a subgraph's comparison shows what changed in its own schema.graphql; a
 * change to the kit's part shows in the supergraph's.
 */
export function wholeSubgraphSdl(subgraph: (typeof SUBGRAPHS)[number], ownSchema: string): string {
  return [ownSchema, readFileSync(join(ROOT, SHARED_SCHEMA), 'utf8'), subgraph.kitTypeDefs ?? ''].join('\n');
}

/** The subgraphs as they are in the working tree, committed or not. */
function currentSubgraphs(): SubgraphSdl[] {
  return SUBGRAPHS.map((subgraph) => ({
    name: subgraph.name,
    url: defaultUrl(subgraph),
    sdl: wholeSubgraphSdl(subgraph, readFileSync(subgraph.schemaPath, 'utf8')),
  }));
}

/** Each registered subgraph's whole SDL with its schema.graphql as committed at `ref`; one the ref lacks is left out (it is new). */
function subgraphsAt(ref: string): Map<string, string> {
  const subgraphs = new Map<string, string>();
  for (const subgraph of SUBGRAPHS) {
    const own = committedFile(ref, relative(ROOT, subgraph.schemaPath));
    if (own !== undefined) subgraphs.set(subgraph.name, wholeSubgraphSdl(subgraph, own));
  }
  return subgraphs;
}

/** The ref to read committed schemas from, and a note when the default had to give way. */
function resolveRef(options: SchemaCheckOptions): { ref: string; note?: string } {
  if (options.baseRef !== undefined) {
    // A ref starting with "-" would reach git as an option.
    if (options.baseRef.startsWith('-') || !refExists(options.baseRef)) {
      throw new SchemaCheckUsageError(`--base-ref ${options.baseRef}: no such commit`);
    }
    return { ref: options.baseRef };
  }
  if (options.base === undefined && refExists(DEFAULT_BASE_REF)) return { ref: DEFAULT_BASE_REF };
  if (!refExists('HEAD')) throw new SchemaCheckUsageError('no commit to compare with: give --base <supergraph file>');
  return options.base === undefined
    ? { ref: 'HEAD', note: `${DEFAULT_BASE_REF} does not exist here: comparing with HEAD instead` }
    : { ref: 'HEAD' };
}

function baseSupergraph(options: SchemaCheckOptions, ref: string): { sdl: string; label: string } {
  if (options.base === undefined) {
    const sdl = committedFile(ref, SUPERGRAPH);
    if (sdl === undefined) throw new SchemaCheckUsageError(`${ref} has no ${SUPERGRAPH}: give --base <supergraph file>`);
    return { sdl, label: `${SUPERGRAPH} at ${ref}` };
  }
  let sdl: string;
  try {
    sdl = readFileSync(options.base, 'utf8');
  } catch {
    throw new SchemaCheckUsageError(`--base ${options.base}: cannot read the file`);
  }
  try {
    apiSchemaSdl(sdl);
  } catch {
    throw new SchemaCheckUsageError(`--base ${options.base}: not a supergraph (compose one with \`npm run compose\`)`);
  }
  return { sdl, label: options.base };
}

/** A change to a description only: safe, and counted rather than listed. */
const isDescriptionOnly = (change: SchemaChange) => change.type.includes('DESCRIPTION');

/** One line per breaking, then dangerous, then safe change (descriptions only counted), then problems, notes and the count. */
export function formatComparison(comparison: SchemaComparison): string[] {
  const count = (severity: Severity) => comparison.changes.filter((change) => change.severity === severity).length;
  const line = (change: SchemaChange) => `${change.severity} ${change.schema}: ${change.message}`;
  const listed = (severity: Severity) =>
    comparison.changes.filter((change) => change.severity === severity && !(severity === 'SAFE' && isDescriptionOnly(change)));
  const descriptions = comparison.changes.filter((change) => change.severity === 'SAFE' && isDescriptionOnly(change)).length;
  return [
    ...listed('BREAKING').map(line),
    ...listed('DANGEROUS').map(line),
    ...listed('SAFE').map(line),
    ...(descriptions > 0 ? [`SAFE ${descriptions} description change(s), not listed`] : []),
    ...comparison.problems.map((problem) => `ERROR ${problem}`),
    ...comparison.notes.map((note) => `note: ${note}`),
    `${failsCheck(comparison) ? 'FAILED' : 'passed'}: ${count('BREAKING')} breaking, ${count('DANGEROUS')} dangerous, ${count('SAFE')} safe` +
      (comparison.problems.length > 0 ? `, ${comparison.problems.length} error(s)` : ''),
  ];
}

/**
 * `npm run schema:check`: compares each subgraph's schema.graphql and the supergraph
 * composed from them now with the base. The supergraph's base is the one committed
 * at the base ref, or `options.base`; the subgraphs' base is the ref's (with `--base`
 * alone, HEAD's). Exit code 1 on a breaking change or on a schema that does not build.
 */
export async function schemaCheck(options: SchemaCheckOptions = {}): Promise<SchemaCheckResult> {
  const { ref, note } = resolveRef(options);
  const base = baseSupergraph(options, ref);
  const comparison = await breakingChanges({
    baseSupergraph: base.sdl,
    baseSubgraphs: subgraphsAt(ref),
    subgraphs: currentSubgraphs(),
    committedSupergraph: readFileSync(SUPERGRAPH_PATH, 'utf8'),
  });
  if (note) comparison.notes.unshift(note);
  return {
    lines: [`Comparing the supergraph with ${base.label} and the subgraphs with ${ref}`, ...formatComparison(comparison)],
    exitCode: failsCheck(comparison) ? 1 : 0,
  };
}
