/**
 * Three projects (unit: no I/O; integration: real PostgreSQL/Redis/RabbitMQ/S3/SMTP/OIDC
 * servers; e2e: a booted entrypoint over HTTP), all native ESM, TypeScript through SWC.
 * The summary reporter prints the `jest: N passed, N failed` line CI reads.
 */
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
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
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
