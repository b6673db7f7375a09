/**
 * Jest matchers for a simulated install path (a PathRun from simulate()):
 *
 *   expect(run).toShowPopups(['M-BADIMAGE', 'M-NOACS']);   // the popups' ids, in the order shown
 *   expect(run).toLogEvents([900]);                         // the event IDs, in the order logged
 *   expect(run).toDecide('blocked');                        // 'allowed' | 'blocked' | 'unguarded'
 *
 * Nothing here imports jest: install them with `installAcsMatchers(expect)` (or `expect.extend(acsMatchers)`)
 * in a test or a setup file. Their types reach jest's global `expect` through the `jest.Matchers` declaration
 * below (with @types/jest, as ts-jest projects have it).
 */
import type { MessageId } from '../messages/catalog';
import type { Decision, PathRun } from '../installers/types';
import { door } from '../api/doors';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- jest's matcher types live in the global `jest` namespace; merging into it is the only way to type them
  namespace jest {
    // The type parameters are exactly @types/jest's, so the declarations merge.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars -- @types/jest's own parameters (T unused, {} default): the declarations merge only if they are identical
    interface Matchers<R, T = {}> {
      /** The run showed exactly these popups (message ids), in this order: `toShowPopups([])` for none. */
      toShowPopups(ids: readonly MessageId[]): R;
      /** The run logged exactly these Windows event IDs, in this order: `toLogEvents([])` for none. */
      toLogEvents(ids: readonly number[]): R;
      /** The run's decision: 'allowed', 'blocked' or 'unguarded'. */
      toDecide(decision: Decision): R;
    }
  }
}

/** What a matcher returns to jest. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** The part of jest's matcher context the matchers read (`this.isNot`). */
export interface MatcherContext {
  isNot?: boolean;
}

/** The part of a PathRun the matchers read. */
export type RunLike = Pick<PathRun, 'popups' | 'events' | 'decision'>;

function isRun(x: unknown): x is RunLike {
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray((x as RunLike).popups) &&
    Array.isArray((x as RunLike).events) &&
    typeof (x as RunLike).decision === 'string'
  );
}

function show(x: unknown): string {
  return JSON.stringify(x);
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

function notARun(name: string, received: unknown): MatcherResult {
  return {
    pass: false,
    message: () => `${name}: expected a PathRun (the result of simulate()), received ${show(received) ?? String(received)}`,
  };
}

function compare(ctx: MatcherContext | undefined, name: string, what: string, expected: unknown, actual: unknown, pass: boolean, detail = ''): MatcherResult {
  const not = ctx?.isNot === true;
  return {
    pass,
    message: () =>
      not
        ? `expect(run).not.${name}(${show(expected)})\n\nExpected the run not to ${what} ${show(expected)}, but it did.${detail}`
        : `expect(run).${name}(${show(expected)})\n\nExpected: ${show(expected)}\nReceived: ${show(actual)}${detail}`,
  };
}

/**
 * The matchers, as plain functions jest's `expect.extend` takes. Each checks that `received` is a PathRun and
 * compares one outcome exactly (lists in order).
 */
export const acsMatchers = {
  /** Popup ids in the order shown (`run.popups[].id`). */
  toShowPopups(this: MatcherContext | undefined, received: unknown, ids: readonly MessageId[]): MatcherResult {
    if (!isRun(received)) return notARun('toShowPopups', received);
    const actual = received.popups.map((p) => p.id);
    const texts = received.popups.map((p) => `  ${p.id} [${p.window}] ${p.title}: ${p.text}`).join('\n');
    return compare(this, 'toShowPopups', 'show popups', [...ids], actual, sameList(actual, ids), texts ? `\n\nPopups shown:\n${texts}` : '');
  },
  /** Windows event IDs in the order logged (`run.events[].id`). */
  toLogEvents(this: MatcherContext | undefined, received: unknown, ids: readonly number[]): MatcherResult {
    if (!isRun(received)) return notARun('toLogEvents', received);
    const actual = received.events.map((e) => e.id);
    return compare(this, 'toLogEvents', 'log events', [...ids], actual, sameList(actual, ids));
  },
  /** The run's decision (`run.decision`). */
  toDecide(this: MatcherContext | undefined, received: unknown, decision: Decision): MatcherResult {
    if (!isRun(received)) return notARun('toDecide', received);
    const reasons = 'reasons' in received && Array.isArray((received as PathRun).reasons) ? (received as PathRun).reasons.map((r) => r.code) : [];
    return compare(this, 'toDecide', 'decide', decision, received.decision, received.decision === decision, reasons.length ? `\nReasons: ${reasons.join(', ')}` : '');
  },
};

/** Anything with jest's `expect.extend` (jest's global `expect`, or the one from @jest/globals). */
export interface Extensible {
  // `any`: jest's global expect and @jest/globals' expect type the map differently; both accept these matchers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the line above
  extend(matchers: any): void;
}

/**
 * Adds toShowPopups, toLogEvents and toDecide to the given `expect` (call it once, e.g. in a jest setup file
 * or at the top of a test file).
 * @param expect jest's `expect`
 * @returns the same `expect`, for chaining
 */
export function installAcsMatchers<E extends Extensible>(expect: E): E {
  door('installAcsMatchers', expect);
  expect.extend(acsMatchers);
  return expect;
}
