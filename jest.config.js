/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }],
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true } }],
  },
  testTimeout: 60000,
  // the transform cache inside the project, not /tmp/jest_0: a test run leaves /tmp as it found it (issue 20 item 6)
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};
