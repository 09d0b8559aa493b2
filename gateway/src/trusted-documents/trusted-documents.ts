import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The operations a production gateway executes: document ids (`sha256:<hex>` of
 * the document's text, as the GraphQL-over-HTTP persisted-documents appendix and
 * graphql-codegen's client preset make them) to the text they stand for.
 */
export type TrustedDocuments = ReadonlyMap<string, string>;

const SHA256_ID = /^sha256:[0-9a-f]{64}$/;

/** The id of a document's exact text. */
export function documentIdOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * Reads a manifest written by `npm run documents` (or the client preset's
 * `persisted-documents.json`): one JSON object from id to text, ids with or
 * without the `sha256:` prefix. A manifest whose id does not fit its text is
 * refused at start-up: it would trust one text under another's name.
 */
export function parseTrustedDocuments(json: string, source = 'the trusted-documents manifest'): TrustedDocuments {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`${source} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${source} must be a JSON object from document id to document text`);
  }
  const documents = new Map<string, string>();
  for (const [key, text] of Object.entries(parsed)) {
    const id = key.startsWith('sha256:') ? key : `sha256:${key}`;
    if (!SHA256_ID.test(id) || typeof text !== 'string') {
      throw new Error(`${source}: "${key.slice(0, 80)}" is not a sha256 document id with a document text`);
    }
    if (documentIdOf(text) !== id) throw new Error(`${source}: the text listed under ${id} has another hash`);
    documents.set(id, text);
  }
  return documents;
}

export function trustedDocumentsFromFile(path: string): TrustedDocuments {
  let json: string;
  try {
    json = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`ONEPLAN_TRUSTED_DOCUMENTS names a file that cannot be read: ${path}`);
  }
  return parseTrustedDocuments(json, path);
}

/** Several sets as one: the deployment's manifest and the gateway's own pages' documents. */
export function mergeTrustedDocuments(...sets: TrustedDocuments[]): TrustedDocuments {
  return new Map(sets.flatMap((set) => [...set]));
}
