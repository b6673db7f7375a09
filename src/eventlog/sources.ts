/**
 * Event definitions: Windows event ID, source (provider) name and level, each with where it comes from.
 */
import type { EventLevel, EventMessageId } from './types';

/** How one event message is logged. */
export interface EventDefinition {
  messageId: EventMessageId;
  id: number;
  source: string;
  level: EventLevel;
  /** 'official' when Windows defines it; 'ours' when no public source gives it */
  sourceProvenance: 'official' | 'ours';
  levelProvenance: 'official' | 'ours';
  note: string;
}

/** The Windows event ID, source and level of each event message, with provenance. */
export const EVENT_DEFINITIONS: Readonly<Record<EventMessageId, EventDefinition>> = {
  'E-900': {
    messageId: 'E-900',
    id: 900,
    source: 'Apex One Security Agent',
    level: 'Error',
    sourceProvenance: 'ours',
    levelProvenance: 'ours',
    note:
      'Event ID 900 is in the seed; its source name and level are not published anywhere: ' +
      '"Apex One Security Agent" and Error are our assumption.',
  },
  'E-11708': {
    messageId: 'E-11708',
    id: 11708,
    source: 'MsiInstaller',
    level: 'Error',
    sourceProvenance: 'official',
    levelProvenance: 'official',
    note: 'Windows Installer logs error 1708 of its Error table as event 11708, source MsiInstaller, level Error.',
  },
};
