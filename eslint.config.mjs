// @ts-check
// eslint-plugin-boundaries and eslint-plugin-import-x were weighed and refused: the boundaries are import paths, which core no-restricted-imports matches.
// eslint-plugin-prettier was weighed and refused: `prettier --check` runs on its own, faster, and also covers JSON and GraphQL.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The subgraphs, as their folders are: `kit` is what they share, every other folder under subgraphs/ is one. */
const SUBGRAPHS = readdirSync(join(import.meta.dirname, 'subgraphs')).filter(
  (name) => name !== 'kit' && existsSync(join(import.meta.dirname, 'subgraphs', name, 'package.json')),
);

/** Unit tests live beside their code; like test/, they are test code, not product code. */
const UNIT_TESTS = '**/__tests__/**';

/** The configuration entry points: the only product files that may read the environment. */
const ENVIRONMENT_READERS = [
  'gateway/src/config.ts',
  'gateway/src/auth/jwt-config.ts',
  'gateway/src/limits/limits-config.ts',
  'gateway/src/subgraph-calls/subgraph-urls.ts',
  'gateway/src/token-cli.ts',
  'gateway/src/main.ts',
  'protocol/src/signature.ts',
  'subgraphs/kit/src/options.ts',
  'subgraphs/kit/src/run.ts',
  'subgraphs/*/prisma.config.ts',
  'subgraphs/kit/src/db/prisma-cli.ts',
  'subgraphs/kit/src/db/migration-prisma.config.ts',
  'subgraphs/kit/src/db/new-migration-cli.ts',
];

const ONLY_ENTRY_POINTS_READ_ENV =
  'Read the environment only in a configuration entry point (ENVIRONMENT_READERS in eslint.config.mjs) and pass the value in.';

/** An import of a package or of any of its files: `@oneplan/x` and `@oneplan/x/...`. */
const packages = (names) => names.flatMap((name) => [`@oneplan/${name}`, `@oneplan/${name}/**`]);

/** A relative import into another workspace's folder: `../../employment/src/...`, `../subgraphs/kit/...`. */
const relativeInto = (names) => `^(\\.\\./)+(subgraphs/)?(${names.join('|')})(/|$)`;

// Product code never imports test code: a test helper in production would ship test-only behaviour.
const NO_TEST_CODE = {
  regex: '^(\\.\\./)*test(/|$)',
  message: 'Product code never imports test code; move what both need into product code.',
};

/**
 * no-restricted-imports for one area. A later block replaces a rule's options rather than
 * merging them, so each area's whole list is built here: the workspaces it must not import,
 * and, for product code, test/.
 */
const restrictedImports = ({ forbidden = [], message = '', productCode = true }) => [
  'error',
  {
    patterns: [
      ...(productCode ? [NO_TEST_CODE] : []),
      ...(forbidden.length === 0
        ? []
        : [
            { group: packages(forbidden), message },
            { regex: relativeInto(forbidden), message },
          ]),
    ],
  },
];

/** The same restriction for an area's product files and, without the test/ ban, for its unit tests. */
const importRulesFor = (folder, restriction) => [
  { files: [`${folder}/**`], ignores: [UNIT_TESTS], rules: { 'no-restricted-imports': restrictedImports(restriction) } },
  {
    files: [`${folder}/${UNIT_TESTS}`],
    rules: { 'no-restricted-imports': restrictedImports({ ...restriction, productCode: false }) },
  },
];

export default defineConfig([
  globalIgnores(['**/generated/', '**/dist/', 'data/', 'coverage/', 'schema/supergraph.graphql', 'package-lock.json']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its rejection: an unhandled error instead of a GraphQL error.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where a void one is expected (Express handlers, event listeners) swallows its rejection.
      '@typescript-eslint/no-misused-promises': 'error',
      // Awaiting a non-promise hides a missing call or a sync function mistaken for an async one.
      '@typescript-eslint/await-thenable': 'error',
      // A thrown string or plain object has no stack, and graphql-js logs it only as "Unexpected error value".
      '@typescript-eslint/only-throw-error': 'error',
      // Type-only imports are erased; marking them keeps what a module needs at run time readable.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Dead code is a defect (conventions: no dead code); `_` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      // Product code is typed end to end; `unknown` and a narrowing say what `any` hides.
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },

  // Product code never imports test code, and each unit imports only the workspaces it may depend on.
  ...importRulesFor('protocol', {}),
  ...importRulesFor('scripts', {}),
  ...importRulesFor('schema', {}),
  // The gateway reaches the subgraphs over HTTP only: it imports no subgraph code, not even the kit.
  ...importRulesFor('gateway', {
    forbidden: ['kit', ...SUBGRAPHS],
    message: 'The gateway imports no subgraph code: it meets the subgraphs only through the supergraph.',
  }),
  // The kit serves every subgraph; importing one of them would make it depend on its own users.
  ...importRulesFor('subgraphs/kit', {
    forbidden: SUBGRAPHS,
    message: 'The kit serves every subgraph and imports none of them.',
  }),
  // Subgraphs never import each other: they meet only through @key entities in the supergraph.
  ...SUBGRAPHS.flatMap((name) =>
    importRulesFor(`subgraphs/${name}`, {
      forbidden: SUBGRAPHS.filter((other) => other !== name),
      message: 'Subgraphs never import each other: they meet only through @key entities in the supergraph.',
    }),
  ),

  {
    // Nothing deep reads the environment: configuration is read once, at an entry point, and passed down.
    files: ['gateway/src/**/*.ts', 'protocol/src/**/*.ts', 'subgraphs/*/src/**/*.ts'],
    ignores: [...ENVIRONMENT_READERS, UNIT_TESTS],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: ONLY_ENTRY_POINTS_READ_ENV }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='process'][property.name='env']",
          message: ONLY_ENTRY_POINTS_READ_ENV,
        },
        {
          selector: "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']",
          message: ONLY_ENTRY_POINTS_READ_ENV,
        },
      ],
    },
  },

  {
    // Tests set up whole systems: they may read the environment, and those under test/ may import any workspace.
    files: ['test/**', UNIT_TESTS],
    rules: {
      'no-restricted-properties': 'off',
      'no-restricted-syntax': 'off',
      // Tests read loosely typed JSON answers; `any` there costs less than a type per response.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  {
    // jest.config.js is CommonJS, read by jest itself; the `globals` package was refused for one global.
    files: ['jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },

  {
    // The postinstall script is plain CommonJS for Node: it runs before (and without) any TypeScript tooling.
    files: ['scripts/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    // The outcomes page's script runs in the browser, as a classic script beside Chart.js's UMD build.
    files: ['gateway/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { document: 'readonly', fetch: 'readonly', sessionStorage: 'readonly', Chart: 'readonly' },
    },
  },

  // Formatting is Prettier's alone; this turns off every rule that would disagree with it.
  prettier,
]);
