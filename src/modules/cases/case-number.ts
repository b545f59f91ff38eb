/**
 * Case numbers as people quote them: `TAC-2026-000123`, the year and at least six digits (the
 * millionth case of a year gets a seventh). One pattern for the search box, mail subjects and
 * the quarantine form.
 */
const NUMBER = String.raw`TAC-\d{4}-\d{6,}`;
const WHOLE = new RegExp(`^${NUMBER}$`, 'i');
const WITHIN = new RegExp(String.raw`\b${NUMBER}\b`, 'i');

/** Whether `text` is exactly a case number (any letter case). */
export const isCaseNumber = (text: string): boolean => WHOLE.test(text);

/** The first case number quoted in `text`, upper-cased, or null. */
export const caseNumberIn = (text: string): string | null => WITHIN.exec(text)?.[0].toUpperCase() ?? null;
