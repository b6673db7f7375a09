/**
 * The JSON line of one verdict (`acs-gate readiness --json`): the same text, byte for byte, as
 * `JSON.stringify({ ...verdict, remediationSource, source, assumed? })` for a verdict built by judgeReadiness
 * (its keys in judgeReadiness's order), written by hand because stringifying each verdict whole was the
 * largest part of readiness's time (issue 18.8): most of a line is text that repeats from machine to machine
 * (Windows line names, versions, the long remediation steps), whose JSON text is kept here once instead of
 * being escaped again per machine. What is rare or free-form (the reasons, with their evidence) goes through
 * JSON.stringify itself. tests/endpoint/readiness-json.test.ts proves it equal to JSON.stringify over generated
 * verdicts.
 */
import { BoundedMemo } from '../text/bounded-memo';
import { jsonString, repeatingJsonString } from '../text/json-string';
import { remediationSources } from './remediation';
import type { Readiness, Tri } from './types';

// repeatingJsonString (text/json-string.ts): the JSON text of strings that repeat (line names, versions, KB
// numbers, remediation steps), kept once; jsonString: of a string that changes per machine (name, source).

function triJson(t: Tri): string {
  return t === true ? 'true' : t === false ? 'false' : JSON.stringify(t);
}

/** A number as JSON.stringify writes it (non-finite numbers are null). */
function numberJson(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/** A list of repeating strings, e.g. ["KB5005625"]. */
function stringListJson(list: readonly string[]): string {
  if (list.length === 0) return '[]';
  let out = '[' + repeatingJsonString(list[0]!);
  for (let i = 1; i < list.length; i++) out += ',' + repeatingJsonString(list[i]!);
  return out + ']';
}

function osJson(os: Readiness['os']): string {
  let out = '{"supported":' + triJson(os.supported);
  if (os.line !== undefined) out += ',"line":' + repeatingJsonString(os.line);
  if (os.version !== undefined) out += ',"version":' + repeatingJsonString(os.version);
  if (os.ubr !== undefined) out += ',"ubr":' + numberJson(os.ubr);
  if (os.requiredKbs !== undefined) out += ',"requiredKbs":' + stringListJson(os.requiredKbs);
  return out + '}';
}

/** `,"role":…,"ready":…,"os":` for each role and answer: the same few texts on every line (true, false, unknown). */
function headsOf(role: Readiness['role']): string[] {
  return ([true, false, 'unknown'] as const).map((t) => ',"role":' + JSON.stringify(role) + ',"ready":' + triJson(t) + ',"os":');
}
const HEAD_ENDPOINT = headsOf('endpoint');
const HEAD_SERVER = headsOf('server');
function head(role: Readiness['role'], ready: Tri): string {
  const heads = role === 'endpoint' ? HEAD_ENDPOINT : role === 'server' ? HEAD_SERVER : undefined;
  const i = ready === true ? 0 : ready === false ? 1 : ready === 'unknown' ? 2 : -1;
  // any other value only from a caller's mistake: written as JSON.stringify would
  return heads && i >= 0 ? heads[i]! : ',"role":' + JSON.stringify(role) + ',"ready":' + triJson(ready) + ',"os":';
}

/** `,"root":{…},"reasons":` for each trust answer and way. */
function rootJson(root: Readiness['root']): string {
  const via = root.via === null ? 'null' : root.via === 'store' ? '"store"' : root.via === 'auto-update' ? '"auto-update"' : JSON.stringify(root.via);
  return ',"root":{"trusted":' + triJson(root.trusted) + ',"via":' + via + '},"reasons":';
}

/** The end of a line with no reason and no step (three machines in four): one text. */
const NO_REASON_TAIL = '[],"remediation":[],"remediationSource":[],"source":';

/** `{"name":…,"reasons":` up to the reasons' list, for a verdict of judgeReadiness. */
function headJson(r: Readiness): string {
  // the keys in the order judgeReadiness writes them; optional ones only when present, as JSON.stringify does
  return '{"name":' + jsonString(r.name) + head(r.role, r.ready) + osJson(r.os) + rootJson(r.root);
}

/** `,"remediationSource":[…],"source":"…"(,"assumed":[…])}` and the newline: the end of a line with steps. */
function tailJson(r: Readiness, source: string, assumed: readonly string[]): string {
  let out = ',"remediationSource":' + stringListJson(remediationSources(r.remediation)) + ',"source":' + jsonString(source);
  if (assumed.length) out += ',"assumed":' + stringListJson(assumed);
  return out + '}\n';
}

/**
 * `JSON.stringify({ ...r, remediationSource: remediationSources(r.remediation), source, ...(assumed.length ? { assumed } : {}) })`
 * followed by a newline, for a verdict of judgeReadiness.
 */
export function readinessJsonLine(r: Readiness, source: string, assumed: readonly string[] = []): string {
  let out = headJson(r);
  if (r.reasons.length === 0 && r.remediation.length === 0) {
    out += NO_REASON_TAIL + jsonString(source);
    if (assumed.length) out += ',"assumed":' + stringListJson(assumed);
    return out + '}\n';
  }
  // rare (a quarter of a fleet's machines), with free-form evidence: JSON.stringify's own text
  out += (r.reasons.length === 0 ? '[]' : JSON.stringify(r.reasons)) + ',"remediation":' + stringListJson(r.remediation);
  return out + tailJson(r, source, assumed);
}

/**
 * UTF-8 of the JSON text of a remediation step, by the step: the steps are the same few long texts (mostly
 * Japanese under --lang ja) on tens of thousands of lines, three fifths of the bytes of `readiness --json`;
 * copied as bytes into the output instead of being encoded again on every line. Bounded (BoundedMemo).
 */
const STEP_UTF8 = new BoundedMemo<Buffer>(4096);
const utf8OfJson = (step: string): Buffer => Buffer.from(repeatingJsonString(step), 'utf8');
function stepUtf8(step: string): Buffer {
  return STEP_UTF8.get(step, utf8OfJson);
}

/**
 * readinessJsonLine's text in pieces to write one after the other: texts, and the remediation steps' JSON as
 * UTF-8 bytes (stepUtf8). A line without steps is one text. Written in order, the pieces are exactly the bytes
 * of readinessJsonLine's text in UTF-8 (tests/endpoint/readiness-json.test.ts).
 */
export function readinessJsonPieces(r: Readiness, source: string, assumed: readonly string[] = []): string | (string | Buffer)[] {
  if (r.remediation.length === 0) return readinessJsonLine(r, source, assumed);
  const pieces: (string | Buffer)[] = [headJson(r) + (r.reasons.length === 0 ? '[]' : JSON.stringify(r.reasons)) + ',"remediation":['];
  for (let i = 0; i < r.remediation.length; i++) {
    if (i > 0) pieces.push(',');
    pieces.push(stepUtf8(r.remediation[i]!));
  }
  pieces.push(']' + tailJson(r, source, assumed));
  return pieces;
}
