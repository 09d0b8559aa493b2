/**
 * One jest run, three kinds of tests: unit tests beside the code they test
 * (`src/**\/__tests__`), and cross-service tests in `test/` (composition,
 * gateway, end-to-end). Everything runs against real PGlite, real PostgreSQL
 * and real HTTP on loopback, so files run in band-sized groups.
 */
module.exports = {
  testEnvironment: 'node',
  // Workspace packages resolve to their TypeScript source, as under tsc and tsx (see tsconfig.json).
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', '@oneplan/source'] },
  // ts-jest transpiles only (types are checked by `npm run typecheck`); swc was
  // weighed and refused: its platform binaries are not all on every registry mirror.
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', target: 'es2022', esModuleInterop: true, isolatedModules: true } }],
  },
  testMatch: ['**/test/**/*.test.ts', '**/src/**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/generated/', '<rootDir>/data/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  maxWorkers: 2,
  // First use of PGlite compiles its WebAssembly: slow on a busy 2-core machine.
  testTimeout: 180_000,
};
