import { generate } from '@graphql-codegen/cli';
import { join } from 'node:path';
import { clientCodegenConfig } from '../schema/client-codegen';

/**
 * `npm run generate:clients`: typed client code for the example frontend
 * operations in clients/operations/ (TypedDocumentNode per operation, each with
 * its `documentId`) into clients/generated/, with their manifest beside it.
 */
const ROOT = join(__dirname, '..');

generate(clientCodegenConfig([join(ROOT, 'clients/operations/*.graphql')], join(ROOT, 'clients/generated')), true).then(
  () => console.log('wrote clients/generated'),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
