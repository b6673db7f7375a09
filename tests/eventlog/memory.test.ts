import fc from 'fast-check';
import {
  emptyMemory,
  forgetLoggedOnce,
  parseMemory,
  rememberLoggedOnce,
  serializeMemory,
  takeRecordId,
  wasLoggedOnce,
} from '../../src/eventlog/memory';

describe('event log memory', () => {
  it('remembers an event logged once per machine, not for other machines', () => {
    const m = rememberLoggedOnce(emptyMemory(), 'PC01', 'E-900', { time: '2026-11-26T00:00:00.000Z', recordId: 1, text: 't' });
    expect(wasLoggedOnce(m, 'PC01', 'E-900')).toEqual({ time: '2026-11-26T00:00:00.000Z', recordId: 1, text: 't' });
    expect(wasLoggedOnce(m, 'PC02', 'E-900')).toBeUndefined();
  });

  it('never changes the memory it was given', () => {
    const m0 = emptyMemory();
    const m1 = rememberLoggedOnce(m0, 'PC01', 'E-900', { time: 't', recordId: 1, text: 'x' });
    expect(m0).toEqual(emptyMemory());
    const m2 = forgetLoggedOnce(m1, 'PC01', 'E-900');
    expect(wasLoggedOnce(m1, 'PC01', 'E-900')).toBeDefined();
    expect(wasLoggedOnce(m2, 'PC01', 'E-900')).toBeUndefined();
  });

  it('numbers event records per machine, continuing across runs', () => {
    let m = emptyMemory();
    let id: number;
    [id, m] = takeRecordId(m, 'PC01');
    expect(id).toBe(1);
    const restored = parseMemory(serializeMemory(m));
    [id] = takeRecordId(restored, 'PC01');
    expect(id).toBe(2);
  });

  it('round-trips through JSON unchanged', () => {
    const entry = fc.record({ time: fc.string(), recordId: fc.nat(), text: fc.string() });
    const name = fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name, entry), { maxLength: 8 }), (items) => {
        let m = emptyMemory();
        for (const [machine, key, e] of items) m = rememberLoggedOnce(m, machine, key, e);
        expect(parseMemory(serializeMemory(m))).toEqual(m);
      }),
    );
  });

  it('rejects memory that is not its own JSON', () => {
    expect(() => parseMemory('{"version":2,"machines":{}}')).toThrow();
    expect(() => parseMemory({ version: 1, machines: { PC01: { loggedOnce: {}, lastRecordId: -1 } } })).toThrow();
  });
});

describe('event log memory keys', () => {
  it('treats machine names like "constructor" as plain names', () => {
    expect(wasLoggedOnce(emptyMemory(), 'constructor', 'toString')).toBeUndefined();
    const [id] = takeRecordId(emptyMemory(), 'constructor');
    expect(id).toBe(1);
  });

  it('keeps "__proto__" as an ordinary machine and event key, through JSON and back', () => {
    const [id, m1] = takeRecordId(emptyMemory(), '__proto__');
    expect(id).toBe(1);
    const m2 = rememberLoggedOnce(m1, '__proto__', '__proto__', { time: 't', recordId: 1, text: 'x' });
    const text = serializeMemory(m2);
    expect(JSON.parse(text).machines).toHaveProperty(['__proto__', 'lastRecordId'], 1);
    const back = parseMemory(text);
    expect(Object.keys(back.machines)).toEqual(['__proto__']);
    expect(wasLoggedOnce(back, '__proto__', '__proto__')).toEqual({ time: 't', recordId: 1, text: 'x' });
    expect(takeRecordId(back, '__proto__')[0]).toBe(2);
    // nothing leaked onto Object.prototype
    expect(({} as Record<string, unknown>)['lastRecordId']).toBeUndefined();
  });
});

describe('merging a run into the state file (what --state does under its lock)', () => {
  it('takes the machines the run changed, keeps the others, never moves record ids backwards', () => {
    const { changedMachines, mergeMemory } = jest.requireActual('../../src/eventlog/memory') as typeof import('../../src/eventlog/memory');
    const before = takeRecordId(takeRecordId(emptyMemory(), 'A')[1], '__proto__')[1];
    // the run changed A only
    const run = rememberLoggedOnce(takeRecordId(before, 'A')[1], 'A', 'E-900', { time: 't', recordId: 2, text: 'x' });
    expect(changedMachines(before, run)).toEqual(['A']);
    // meanwhile (a writer that did not lock) B appeared and A's ids moved on
    const now = takeRecordId(takeRecordId(takeRecordId(before, 'B')[1], 'A')[1], 'A')[1];
    const merged = mergeMemory(now, run, changedMachines(before, run));
    expect(Object.keys(merged.machines).sort()).toEqual(['A', 'B', '__proto__']);
    expect(merged.machines['A']!.lastRecordId).toBe(3);
    expect(wasLoggedOnce(merged, 'A', 'E-900')).toEqual({ time: 't', recordId: 2, text: 'x' });
    expect(merged.machines['__proto__']!.lastRecordId).toBe(1);
  });
});
