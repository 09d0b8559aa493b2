import { dirname, join, relative } from 'node:path';
import { generate, type CodegenConfig } from '@graphql-codegen/cli';
import type { TypeScriptPluginConfig } from '@graphql-codegen/typescript';
import type { TypeScriptResolversPluginConfig } from '@graphql-codegen/typescript-resolvers';
import { buildASTSchema, isObjectType, print } from 'graphql';
import { subgraphTypeDefs } from '@oneplan/kit';
import { SUBGRAPHS } from '../schema/subgraphs';

/**
 * `npm run generate:types`: every registered subgraph's resolver and input types,
 * generated from its schema (its schema.graphql and the kit's shared part) into
 * `src/generated/graphql.ts` — under src/ because each workspace's build compiles
 * only src/, and a declaration file elsewhere would go unchecked (`skipLibCheck`).
 * A schema change that breaks a resolver then fails `npm run typecheck`.
 */

const ROOT = join(__dirname, '..');

type Registered = (typeof SUBGRAPHS)[number];

/** `plan` → `Plan`: each subgraph's `src/<name>.ts` exports its resolvers' context as `<Name>Context`. */
function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The models of a subgraph's Prisma client (`generated/prisma`, made by `npm run generate:prisma`). */
async function prismaModels(folder: string): Promise<string[]> {
  const client = (await import(join(folder, 'generated', 'prisma'))) as { Prisma: { ModelName: Record<string, string> } };
  return Object.values(client.Prisma.ModelName);
}

/**
 * What each object type's resolvers receive as parent: the Prisma model of the same
 * name, or the kit's type for what the kit resolves (the access log, a department's
 * record). Paths are relative to the generated file.
 */
async function mappers(subgraph: Registered, objectTypes: ReadonlySet<string>): Promise<Record<string, string>> {
  const models = await prismaModels(dirname(subgraph.schemaPath));
  return {
    ...Object.fromEntries(
      models.filter((model) => objectTypes.has(model)).map((model) => [model, `../../generated/prisma#${model} as ${model}Row`]),
    ),
    ...Object.fromEntries(Object.entries(subgraph.kitParents).map(([type, parent]) => [type, `@oneplan/kit#${parent}`])),
  };
}

async function codegenConfig(subgraph: Registered, output: string): Promise<CodegenConfig> {
  const typeDefs = subgraphTypeDefs(subgraph);
  // The SDL uses federation's directives (@key, @requires, …) without declaring them; `federation: true` knows them.
  const types = Object.values(buildASTSchema(typeDefs, { assumeValidSDL: true }).getTypeMap());
  const objectTypes = new Set(types.filter(isObjectType).map((type) => type.name));
  return {
    schema: print(typeDefs),
    generates: {
      [output]: {
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          contextType: `../${subgraph.name}#${pascal(subgraph.name)}Context`,
          mappers: await mappers(subgraph, objectTypes),
          scalars: { Date: 'Date', DateTime: 'Date' },
          // The contract's enums are plain strings everywhere: Prisma's enums, the protocol's unions.
          enumsAsTypes: true,
          useTypeImports: true,
        } satisfies TypeScriptPluginConfig & TypeScriptResolversPluginConfig,
      },
    },
    silent: true,
  };
}

async function main(): Promise<void> {
  for (const subgraph of SUBGRAPHS) {
    const output = join(dirname(subgraph.schemaPath), 'src', 'generated', 'graphql.ts');
    try {
      await generate(await codegenConfig(subgraph, output), true);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${relative(ROOT, subgraph.schemaPath)}: ${message}`, { cause: error });
    }
    console.log(`wrote ${relative(ROOT, output)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
