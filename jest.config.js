/** One Jest run for the whole repository: TypeScript through SWC, workspace packages from source. */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/packages', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)s$': swc },
  // These are published as ES modules only (auto-bind for GraphQL Code Generator; @kubernetes/client-node
  // imports the last two); SWC turns them into CommonJS for Jest, whose CommonJS runtime cannot
  // require(esm) on Node 20.
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|auto-bind|@kubernetes/client-node|openid-client|oauth4webapi)/)',
  ],
  moduleNameMapper: {
    '^@controlplane/(audit|auth|client|compliance|config|db|deploy|errors|git-server|graphql-kit|internal-api|outbound|runtime|subgraph|testkit)$':
      '<rootDir>/packages/$1/src',
    '^@controlplane/(gateway|identity|workspace|catalog)$': '<rootDir>/apps/$1/src/server',
    // Prisma's generated client imports its own files with .js extensions.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/packages/testkit/src/global-setup.ts',
  // Generous: a test that passes in 2 s alone takes 30 s on a two-core machine running two suites and builds at once.
  testTimeout: 120_000,
  maxWorkers: 2,
};
