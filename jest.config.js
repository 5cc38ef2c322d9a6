// Three levels of tests, by file name (docs/architecture.md, "Layout"):
//   *.unit.test.ts  pure code, no infrastructure
//   *.int.test.ts   the real Kafka broker and MongoDB-compatible server
//   *.e2e.test.ts   several services together over Kafka
//   *.cluster.test.ts  a Kafka cluster of three brokers losing one (`npm run test:cluster`, not part of `npm test`)
//   *.fault.test.ts  servers killed with SIGKILL, messages repeated and reordered (`npm run test:faults`)
//   *.fuzz.test.ts  generated requests against every OpenAPI document (`npm run test:fuzz`, not part of `npm test`)
// Integration, end-to-end and cluster projects share one global setup that finds or starts the infrastructure.

/** @type {import('@swc/core').Options} */
const swc = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/infra', '<rootDir>/test'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  // jose and a few other dependencies ship ES modules only; compile them for jest's CommonJS runtime.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleNameMapper: {
    '^@zhas/launcher$': '<rootDir>/infra/launcher/src',
    '^@zhas/service-kit/(telemetry|testing)$': '<rootDir>/packages/service-kit/src/$1',
    '^@zhas/(kz|contracts|domain|lottery|messaging|service-kit|testing|notifications)$':
      '<rootDir>/packages/$1/src',
    '^@zhas/(competitions|applications|tracking|reporting)$': '<rootDir>/services/$1/src',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Applies to every project (jest reads it only here): integration tests talk to real servers.
  testTimeout: 60_000,
  // Since the notifications, encryption and instance-lease work landed, something keeps jest's main process alive
  // after every suite has passed (it printed "Jest did not exit" and waited forever). Until that handle is found
  // (`npx jest --detectOpenHandles`), jest exits once the run is over, so CI never hangs on a green run.
  forceExit: true,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.unit.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'cluster',
      testMatch: ['**/*.cluster.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'faults',
      testMatch: ['**/*.fault.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'fuzz',
      testMatch: ['**/*.fuzz.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
