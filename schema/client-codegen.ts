import { generate, type CodegenConfig } from '@graphql-codegen/cli';
import { apiSchemaSdl } from './api-schema';
import { committedSupergraph } from './compose';

/**
 * graphql-codegen's client preset over the supergraph's API schema: typed
 * documents for `documents`, each carrying its trusted-document id
 * (`documentId`, `sha256:<hex>` of its normalized text), and
 * `persisted-documents.json`, the id → text manifest the gateway reads. One
 * configuration for both, so the ids a client sends are the ids the manifest lists.
 */
export function clientCodegenConfig(documents: string[], outputDir: string): CodegenConfig {
  return {
    schema: apiSchemaSdl(committedSupergraph()),
    documents,
    ignoreNoDocuments: false,
    silent: true,
    generates: {
      [outputDir.endsWith('/') ? outputDir : `${outputDir}/`]: {
        preset: 'client',
        presetConfig: {
          fragmentMasking: false,
          persistedDocuments: { hashAlgorithm: 'sha256', hashPropertyName: 'documentId' },
        },
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          scalars: { Date: 'string', DateTime: 'string' },
        },
      },
    },
  };
}

/** The manifest for `documents` (globs of .graphql files), validated against the schema: document id → text. */
export async function trustedDocumentsOf(documents: string[]): Promise<Record<string, string>> {
  const files = (await generate(clientCodegenConfig(documents, 'manifest/'), false)) as { filename: string; content: string }[];
  const manifest = files.find((file) => file.filename.endsWith('persisted-documents.json'));
  if (!manifest) throw new Error('the client preset wrote no persisted documents');
  return JSON.parse(manifest.content) as Record<string, string>;
}
