import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export interface GraphQLAnswer<Result> {
  status: number;
  data?: Result | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The trusted-document id the client preset put on a generated document. */
export function documentIdOf(document: object): string {
  const id = (document as { __meta__?: { documentId?: unknown } }).__meta__?.documentId;
  if (typeof id !== 'string') throw new Error('the document has no documentId: generate it with `npm run generate:clients`');
  return id;
}

/**
 * How a frontend asks the graph with generated documents: it sends only the
 * document's id (never the text), which a production gateway looks up in its
 * trusted-documents manifest, and gets the answer typed by the operation.
 */
export async function execute<Result, Variables>(
  url: string,
  token: string,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<GraphQLAnswer<Result>> {
  const documentId = documentIdOf(document);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ documentId, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLAnswer<Result>, 'status'>) };
}
