/**
 * JSON text of strings, for output written by hand (readiness --json lines, report.json rows) where calling
 * JSON.stringify per value was a large part of the time (issue 18.8).
 */
import { BoundedMemo } from './bounded-memo';

/** Nothing JSON.stringify would escape: no quote, backslash, control character or surrogate (escaped when alone). */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** JSON.stringify(s): the string in quotes as it is when it holds nothing to escape, else JSON.stringify itself. */
export function jsonString(s: string): string {
  return PLAIN.test(s) ? '"' + s + '"' : JSON.stringify(s);
}

/**
 * jsonString of texts that repeat from machine to machine (line names, versions, KB numbers, remediation
 * steps, reason messages): a few hundred distinct texts in a fleet, each made anew per machine, long (Japanese
 * sentences); a Map lookup hashes and compares a text natively, and the stored JSON text is flat and shared.
 * Bounded (BoundedMemo): keyed by the text alone, which is all jsonString depends on.
 */
const REPEATING = new BoundedMemo<string>(4096);
export function repeatingJsonString(s: string): string {
  return REPEATING.get(s, jsonString);
}
