/** Starting a machine with every transition it takes recorded (for --trace). */
import { createActor, type AnyStateMachine, type InputFrom, type Actor, type InspectionEvent } from 'xstate';
import type { Transition } from './types';

interface TransitionLike {
  source: { key: string };
  target?: ReadonlyArray<{ key: string }>;
  eventType: string;
}

/**
 * The trace's name of an event. The ACS check actor's done / error events are shown as ACS_CHECKED /
 * ACS_CHECK_FAILED: the names --trace has always printed for the check's answer.
 */
const TRACE_EVENT_NAMES: ReadonlyMap<string, string> = new Map([
  ['xstate.done.actor.acsCheck', 'ACS_CHECKED'],
  ['xstate.error.actor.acsCheck', 'ACS_CHECK_FAILED'],
]);

export function traceEventName(eventType: string): string {
  if (eventType === '') return '(always)';
  return TRACE_EVENT_NAMES.get(eventType) ?? eventType;
}

function stateName(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function startRecorded<T extends AnyStateMachine>(
  machine: T,
  input: InputFrom<T>,
): { actor: Actor<T>; transitions: Transition[] } {
  const transitions: Transition[] = [];
  const inspect = (ev: InspectionEvent): void => {
    if (ev.type !== '@xstate.microstep') return;
    for (const t of ev._transitions as unknown as TransitionLike[]) {
      const from = t.source.key;
      const to = t.target && t.target.length ? t.target.map((s) => s.key).join(',') : from;
      transitions.push({ from, event: traceEventName(t.eventType), to });
    }
  };
  const actor = createActor(machine, { input, inspect } as never) as Actor<T>;
  // an error inside the machine (a guard or action that throws) is read from the snapshot by the simulator,
  // never rethrown later by xstate as an uncaught exception that would stop a whole fleet
  actor.subscribe({ error: () => undefined });
  actor.start();
  transitions.unshift({ from: '(start)', event: 'xstate.init', to: stateName(machine.config.initial) });
  return { actor, transitions };
}

