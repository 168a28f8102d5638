/**
 * Three projects (unit: no I/O; integration: real PostgreSQL/Redis/RabbitMQ/S3/SMTP/OIDC
 * servers; e2e: a booted entrypoint over HTTP), all native ESM, TypeScript through SWC.
 * The summary reporter prints the `jest: N passed, N failed` line CI reads.
 *
 * Coverage (`--coverage`, V8 provider) counts every source file with behaviour in it, loaded or
 * not, and is reported per layer. The thresholds hold for the unit suite alone (`npm run
 * coverage:unit`, run by CI): the pure layers must be covered without any I/O.
 */
import { filesWithRuntimeCode } from './test/support/code-coverage/files-with-runtime-code.js';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript' },
      target: 'es2024',
      keepClassNames: true,
      transform: { useDefineForClassFields: true },
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  setupFiles: ['<rootDir>/test/support/setup.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
};

export default {
  testTimeout: 30_000,
  // A handle a test leaks (a client reconnecting to a stopped proxy) must never keep CI waiting
  // after the last result; Jest still names the problem, and `--detectOpenHandles` finds it.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  coverageProvider: 'v8',
  collectCoverageFrom: filesWithRuntimeCode(import.meta.dirname),
  coverageReporters: ['json-summary', 'text-summary', 'lcov'],
  coverageThreshold: {
    './src/domain/': { lines: 95, branches: 90, functions: 90 },
    './src/application/': { lines: 85, branches: 85, functions: 85 },
    './src/adapters/': { lines: 20 },
    './src/bootstrap/': { lines: 15 },
  },
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/integration-global-setup.ts',
      slowTestThreshold: 20,
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/integration-global-setup.ts',
      slowTestThreshold: 30,
    },
  ],
};
