/** docs/behavior.md is generated from the machines; CI keeps it current. */
import { readFileSync } from 'node:fs';
import { BEHAVIOR_DOC, generateBehaviorDoc } from '../../scripts/gen-behavior';

describe('docs/behavior.md', () => {
  it('is current: regenerating it from the machines changes nothing (run scripts/gen-behavior.ts if this fails)', async () => {
    const doc = await generateBehaviorDoc();
    expect(readFileSync(BEHAVIOR_DOC, 'utf8')).toBe(doc);
  });

  it('lists every install path', async () => {
    const doc = readFileSync(BEHAVIOR_DOC, 'utf8');
    for (const p of ['server-patch', 'autopcc', 'msi', 'packager-exe', 'remote-install', 'agent-update', 'saas-msi', 'saas-web-installer', 'saas-agent-update', 'sep-agent-update', 'pattern-update', 'engine-update']) {
      expect(doc).toContain('`' + p + '`');
    }
  });
});
