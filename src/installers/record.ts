/** Starting a machine with every transition it takes recorded (for --trace). */
import { createActor, type AnyStateMachine, type InputFrom, type Actor, type InspectionEvent } from 'xstate';
import type { Transition } from './types';

interface TransitionLike {
  source: { key: string };
  target?: ReadonlyArray<{ key: string }>;
  eventType: string;
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
      transitions.push({ from, event: t.eventType === '' ? '(always)' : t.eventType, to });
    }
  };
  const actor = createActor(machine, { input, inspect } as never) as Actor<T>;
  // an error inside the machine (a guard or action that throws) is read from the snapshot by `settled`,
  // never rethrown later by xstate as an uncaught exception that would stop a whole fleet
  actor.subscribe({ error: () => undefined });
  actor.start();
  transitions.unshift({ from: '(start)', event: 'xstate.init', to: stateName(machine.config.initial) });
  return { actor, transitions };
}

/** The actor's snapshot; throws the machine's own error when it stopped on one. */
export function settled<T extends AnyStateMachine>(actor: Actor<T>): ReturnType<Actor<T>['getSnapshot']> {
  const snap = actor.getSnapshot();
  const { status, error } = snap as unknown as { status: string; error?: unknown };
  if (status === 'error') throw error instanceof Error ? error : new Error(String(error));
  return snap;
}
