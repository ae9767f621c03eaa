/**
 * Removes personal data from free text before it is stored for navigators (feedback comments,
 * unanswered questions). Deliberately over-eager: a lost digit in a stored question costs
 * nothing, a stored phone number of a refugee is a data-protection incident.
 */

interface Rule {
  /** What replaces the match, so navigators still see that something was there. */
  label: string;
  pattern: RegExp;
}

const RULES: Rule[] = [
  { label: "[E-Mail]", pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu },
  { label: "[Link]", pattern: /\bhttps?:\/\/\S+/giu },
  { label: "[IBAN]", pattern: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g },
  // Sozialversicherungsnummer: 2 digits, birth date, initial, 3 digits (spaces optional).
  { label: "[SV-Nummer]", pattern: /\b\d{2}\s?\d{6}\s?[A-Z]\s?\d{3}\b/g },
  // Jobcenter "BG-Nummer" (Bedarfsgemeinschaft) such as 12345BG0012345.
  { label: "[BG-Nummer]", pattern: /\b\d{3,6}\s?BG\s?\d{4,10}\b/gi },
  // Telephone numbers: international or trunk prefix, then digits with the usual separators.
  { label: "[Telefon]", pattern: /(?<![\p{L}\p{N}])(?:\+|00)\d{1,3}[\s./-]*(?:\(0\)[\s./-]*)?\d(?:[\s./()-]*\d){5,14}(?!\d)/gu },
  { label: "[Telefon]", pattern: /(?<![\p{L}\p{N}§])\(?0\d{2,5}\)?(?:[\s./-]*\d){4,12}(?!\d)/gu },
  // Dates of birth and similar full dates tie a question to one person.
  { label: "[Datum]", pattern: /\b(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d{2}\b/g },
  // Any remaining long number (customer, case, passport, tax ids) — legal citations are short.
  { label: "[Nummer]", pattern: /\b[A-Z]{0,3}\d{7,}[A-Z]?\b/g },
];

export function scrubPersonalData(text: string): string {
  let out = text.normalize("NFC");
  for (const { label, pattern } of RULES) out = out.replace(pattern, label);
  return out;
}
