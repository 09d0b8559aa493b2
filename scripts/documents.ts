import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { trustedDocumentsOf } from '../schema/client-codegen';

/**
 * `npm run documents -- <glob of .graphql files>… [--out trusted-documents.json]`:
 * the trusted-documents manifest a production gateway reads
 * (`ONEPLAN_TRUSTED_DOCUMENTS`), from the operations the frontends ship. Each
 * operation is validated against the supergraph first; an invalid one fails the
 * command, naming it.
 */
async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string', default: 'trusted-documents.json' } },
  });
  if (positionals.length === 0) {
    console.error('usage: npm run documents -- <glob of .graphql files>… [--out trusted-documents.json]');
    process.exit(2);
  }
  const manifest = await trustedDocumentsOf(positionals);
  writeFileSync(values.out, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${values.out}: ${Object.keys(manifest).length} trusted documents`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
