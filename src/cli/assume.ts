/** `--assume-online` and `--assume-root-auto-update` (readiness, simulate, fleet): facts an estate does not collect. */
import type { FlagSpecs, ParsedArgs } from './args';
import type { Assumptions } from '../report/assumptions';

export const assumeFlags: FlagSpecs = {
  'assume-online': { kind: 'switch' },
  'assume-root-auto-update': { kind: 'switch' },
};

export function assumptionsFrom(args: ParsedArgs): Assumptions {
  return {
    ...(args.switches.has('assume-online') ? { online: true } : {}),
    ...(args.switches.has('assume-root-auto-update') ? { rootAutoUpdate: true } : {}),
  };
}
