/**
 * Two tiers. `unit` (`npm run test:unit`): tests beside the code
 * (`src/**\/__tests__`), composition and the gateway — no PostgreSQL server, no
 * child process, under a minute. `integration`: the rest of `test/` — both
 * databases, the whole graph over real HTTP, the scripts as processes, end to
 * end. `npm test` runs both.
 */
const shared = {
  testEnvironment: 'node',
  // Workspace packages resolve to their TypeScript source, as under tsc and tsx (see tsconfig.json).
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', '@oneplan/source'] },
  // ts-jest transpiles only (types are checked by `npm run typecheck`); swc was
  // weighed and refused: its platform binaries are not all on every registry mirror.
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', target: 'es2022', esModuleInterop: true, isolatedModules: true } },
    ],
  },
  testPathIgnorePatterns: ['/node_modules/', '/generated/', '/dist/', '<rootDir>/data/'],
};

const UNIT = [
  '<rootDir>/protocol/src/**/__tests__/**/*.test.ts',
  '<rootDir>/subgraphs/*/src/**/__tests__/**/*.test.ts',
  '<rootDir>/test/composition/**/*.test.ts',
  '<rootDir>/test/gateway/**/*.test.ts',
];
// Spawns the token CLI as a process.
const UNIT_EXCEPTIONS = ['<rootDir>/test/gateway/token-cli.test.ts'];

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: UNIT,
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, ...UNIT_EXCEPTIONS],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [
        ...shared.testPathIgnorePatterns,
        '<rootDir>/test/composition/',
        '<rootDir>/test/gateway/(?!token-cli)',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
  maxWorkers: 2,
  // First use of PGlite compiles its WebAssembly: slow on a busy 2-core machine.
  testTimeout: 180_000,
};
