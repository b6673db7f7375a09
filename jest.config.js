/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }],
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true, ignoreDeprecations: '6.0' } }],
  },
  // pe-library is ESM-only: let ts-jest turn it into CommonJS under jest.
  transformIgnorePatterns: ['/node_modules/(?!pe-library/)'],
  testTimeout: 60000,
};
