/** Shared Jest settings: SWC compiles TypeScript (with Nest's decorator metadata) in milliseconds. */
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // ESM-only packages that CommonJS dependencies require() (Node 20 allows it; Jest's loader needs them compiled).
  transformIgnorePatterns: ['^(?!.*/node_modules/content-disposition/).*/node_modules/'],
  // Tests read the shared contracts from source, so they never run against a stale build.
  moduleNameMapper: {
    '^@mekong-ioc/shared$': path.join(__dirname, 'packages/shared/src/index.ts'),
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
