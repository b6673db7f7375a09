/**
 * Labels of the fleet report in Japanese and English: bilingual views of the text home (src/messages/texts/,
 * keys `report.*`, `decision.*`, `verdict.*`, `ready.*`, `cycle.*`, `csv.*`), kept under the names the report,
 * the CSV and the terminal read. No text lives here.
 */
import { group, type Bilingual } from '../messages/texts';

/** Labels of the fleet report (`report.label.*`). */
export const LABELS = group('report.label.');

/** Reason codes as the reader calls them (`report.reason.*`). */
export const REASON_LABELS: Record<string, Bilingual> = group('report.reason.');

/** The facts a FACT_UNKNOWN reason names (its `fact`), as the reader calls them (`report.fact.*`). */
export const FACT_LABELS: Record<string, Bilingual> = group('report.fact.');

/**
 * The verification table's trust column: report.json / report.csv keep the English value (VerificationSummary.trust,
 * language-neutral data); the page shows it in both languages (`report.trust.*`).
 */
export const TRUST_LABELS: Record<string, Bilingual> = group('report.trust.');

/**
 * Texts of report.html's first screen, banners, machine list and popups (`report.page.*`). `{name}` placeholders
 * are filled by the page; English nouns after a count have a singular and a plural key (`machineOne` /
 * `machineMany`), Japanese counts read "19 台中 11 台".
 */
export const PAGE_LABELS = group('report.page.');

/** Decisions of a path run, as the reader calls them (report.csv, the terminal, the page). */
export const DECISION_LABELS: Record<'allowed' | 'blocked' | 'unguarded' | 'unknown', Bilingual> = group('decision.');

/** The verifier's verdicts, as the reader calls them. */
export const VERDICT_LABELS: Record<string, Bilingual> = group('verdict.');

/** Readiness of a machine (true / false / unknown), as the reader calls it. */
export const READY_LABELS: Record<'true' | 'false' | 'unknown', Bilingual> = group('ready.');

/** What one agent update cycle came to (CycleSummary.outcome). */
export const CYCLE_OUTCOME_LABELS: Record<string, Bilingual> = group('cycle.');

/** report.csv's header cells per language (CSV_FIXED_COLUMNS order), and the suffix of the worst-case columns. */
export const CSV_HEADER_LABELS: Record<string, Bilingual> = group('csv.');
