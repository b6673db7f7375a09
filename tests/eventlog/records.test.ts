import { createEventRecord } from '../../src/eventlog/records';
import { EVENT_DEFINITIONS } from '../../src/eventlog/sources';
import { seedFilled } from '../messages/seed-file';

const at = new Date('2026-11-26T09:30:00.000Z');

describe('event records', () => {
  it('logs event 11708 from MsiInstaller at level Error with the seed text', () => {
    const r = createEventRecord({ messageId: 'E-11708', lang: 'ja', time: at, computer: 'PC01', recordId: 7 });
    expect(r).toMatchObject({ id: 11708, source: 'MsiInstaller', channel: 'Application', level: 'Error', recordId: 7 });
    expect(r.text).toBe(seedFilled('E-11708'));
    expect(r.data).toEqual([r.text]);
    expect(r.time).toBe('2026-11-26T09:30:00.000Z');
  });

  it('logs event 900 with the downloaded file path filled in', () => {
    const path = 'C:\\Program Files (x86)\\Trend Micro\\Security Agent\\AU_Data\\AU_Temp\\PccNTMon.exe';
    const r = createEventRecord({ messageId: 'E-900', lang: 'ja', path, time: at, computer: 'PC01', recordId: 1 });
    expect(r.id).toBe(900);
    expect(r.text).toBe(seedFilled('E-900', path));
  });

  it('marks the source name of event 900 as our assumption', () => {
    expect(EVENT_DEFINITIONS['E-900'].sourceProvenance).toBe('ours');
    expect(EVENT_DEFINITIONS['E-11708'].sourceProvenance).toBe('official');
  });

  it('takes the event time from the given clock, not the wall clock', () => {
    const r = createEventRecord({ messageId: 'E-11708', lang: 'en', time: new Date(0), computer: 'x', recordId: 1 });
    expect(r.time).toBe('1970-01-01T00:00:00.000Z');
  });
});
