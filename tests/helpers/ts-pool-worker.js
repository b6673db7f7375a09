// The verify pool's worker run from the TypeScript sources (tests run without a build): ts-node compiles it.
require('ts-node').register({ transpileOnly: true, project: require('node:path').join(__dirname, '..', '..', 'tsconfig.json') });
require('../../src/authenticode/pool/worker.ts');
