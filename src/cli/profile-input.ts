/** Reads the one machine that `--machine PROFILE` names (a profile JSON, a fleet file of one, or an export directory). */
import { loadInventory } from '../endpoint/inventory';
import type { MachineProfile } from '../endpoint/profile';
import { CliInputError } from './errors';

export async function loadOneMachine(input: string): Promise<{ profile: MachineProfile; source: string }> {
  let found: { profile: MachineProfile; source: string } | undefined;
  for await (const item of loadInventory([input])) {
    // left out on purpose (a Thumbs.db, an older dated folder): not this machine's facts, not an error
    if (!item.ok && item.skipped && !item.unread) continue;
    if (!item.ok) throw new CliInputError(`${item.source}${item.line !== undefined ? `:${item.line}` : ''}: ${item.error}`);
    if (found) throw new CliInputError(`${input}: describes more than one machine (${found.profile.name}, ${item.profile.name}, …); give one`);
    found = { profile: item.profile, source: item.source };
  }
  if (!found) throw new CliInputError(`${input}: describes no machine`);
  return found;
}
