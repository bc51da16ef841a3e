// Ink draws only the last frame when CI is set (is-in-ci), and the terminal
// tests watch every frame; the workers and the binaries they start inherit this.
delete process.env.CI;
// The SDK's Node 20 notice would otherwise appear in every suite that loads a client.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// TypeScript ESM through ts-jest. Workers are bounded because CI has two
// cores and several suites start a sandbox server or the real binary.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  maxWorkers: 2,
  testTimeout: 180000,
};
