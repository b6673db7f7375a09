/**
 * Canonical profile JSON (docs/machine-profile.md), full or partial (a small machine.json with e.g.
 * { "online": false }). Validated with zod (profile.ts's PartialProfileSchema, loaded when first used); errors
 * name the JSON path.
 */
import type { z } from 'zod';
import { ExportFormatError } from '../errors';
import { partialProfileSchema } from '../profile-lazy';
import { jsonErrorLine, jsonTooDeep, TOO_DEEP } from './json-util';
import type { Importer, PartialProfile } from './types';

/** a top-level field of a machine profile, as JSON text */
export const PROFILE_KEY_RE = /"(name|role|os|hotfixes|rootStore|rootAutoUpdate|online)"\s*:/;

export function zodIssues(err: z.ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

export const profileJson: Importer = {
  kind: 'profile-json',
  detect(text) {
    const t = text.trimStart();
    const head = text.slice(0, 1 << 16);
    // a profile names at least one of its own fields; any other JSON object is not taken for a (bad) profile
    return t.startsWith('{') && !/"Thumbprint"\s*:/.test(head) && PROFILE_KEY_RE.test(head);
  },
  parse(text, source) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new ExportFormatError(source, jsonErrorLine(text, e), `profile JSON: ${(e as Error).message}`);
    }
    if (jsonTooDeep(data)) throw new ExportFormatError(source, undefined, `profile JSON: ${TOO_DEEP}`);
    const r = partialProfileSchema().safeParse(data);
    if (!r.success) throw new ExportFormatError(source, undefined, `profile JSON: ${zodIssues(r.error)}`);
    const { sources: _s, ...facts } = r.data;
    return { kind: 'profile-json', source, facts: facts as PartialProfile, notes: [] };
  },
};
