import type { Request, RequestHandler } from 'express';
import { ErrorCode } from '@oneplan/protocol';
import { documentIdOf, type TrustedDocuments } from './trusted-documents';

export const UNTRUSTED_DOCUMENT = 'UNTRUSTED_DOCUMENT';

type Params = Record<string, unknown>;

function refused(message: string) {
  return { errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: UNTRUSTED_DOCUMENT } }] };
}

/** A GET's parameters as Apollo will read them (from the URL), or a POST's JSON body. */
function paramsOf(req: Request): Params | undefined {
  if (req.method === 'GET') return Object.fromEntries(new URL(req.url, 'http://gateway').searchParams);
  return typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Params) : undefined;
}

/** The APQ hash of a request, whether its extensions came as an object (POST) or as JSON text (GET). */
function persistedQueryHash(extensions: unknown): unknown {
  let value = extensions;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const persisted = (value as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return persisted?.sha256Hash;
}

type Resolution = { text: string } | { refusal: string };

function resolveDocument(params: Params, documents: TrustedDocuments): Resolution {
  const { documentId, query } = params;
  if (documentId !== undefined) {
    const text = typeof documentId === 'string' ? documents.get(documentId) : undefined;
    if (text === undefined) return { refusal: 'This documentId is not among the trusted documents.' };
    if (query !== undefined && query !== text) return { refusal: 'The query text is not the document its documentId names.' };
    return { text };
  }
  if (typeof query === 'string') {
    return documents.has(documentIdOf(query))
      ? { text: query }
      : { refusal: 'Only trusted documents are executed here: send a listed documentId, or its exact text.' };
  }
  const hash = persistedQueryHash(params.extensions);
  const text = typeof hash === 'string' ? documents.get(`sha256:${hash}`) : undefined;
  return text === undefined ? { refusal: 'Only trusted documents are executed here: send a listed documentId.' } : { text };
}

/**
 * In front of Apollo: a request executes only a listed document. A `documentId`
 * (or an APQ hash of a listed text) is replaced by its text; a full text must hash
 * to a listed id. Anything else is refused here, before parsing, so no subgraph is
 * ever asked. Apollo Server has no such switch (its APQ caches any text a client
 * registers), and GraphQL Yoga's plugin for it does not fit Apollo's pipeline.
 */
export function trustedDocumentsOnly(documents: TrustedDocuments): RequestHandler {
  return (req, res, next) => {
    const params = paramsOf(req);
    // Not a GraphQL request (e.g. a body that was not a JSON object): Apollo refuses it in the contract's words.
    if (!params) return next();
    const resolution = resolveDocument(params, documents);
    if ('refusal' in resolution) {
      res.status(400).json(refused(resolution.refusal));
      return;
    }
    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://gateway');
      url.searchParams.delete('documentId');
      url.searchParams.set('query', resolution.text);
      req.url = `${url.pathname}${url.search}`;
    } else {
      const { documentId: _id, ...rest } = params;
      req.body = { ...rest, query: resolution.text };
    }
    next();
  };
}
