/**
 * Removes personal data from free text before it is stored or logged anywhere (chat state,
 * feedback, unanswered questions, ticket questions and messages, the Direct Line log).
 * Deliberately over-eager: a lost digit in a stored question costs nothing, a stored phone
 * number or BG-Nummer of a refugee is a data-protection incident.
 */

interface Rule {
  /** What replaces the match, so navigators still see that something was there. */
  label: string;
  pattern: RegExp;
}

/** The value after a keyword such as "Az." or "Kd.-Nr.": tokens with digits, single capitals between them ("5 K 123/24"). */
const VALUE = String.raw`(?:[A-Za-z]{1,4}[\s-]?)?\d(?:[\dA-Za-z/.\-]*[\dA-Za-z])?(?:\s+(?:[A-Z]{1,2}\s+)?\d(?:[\dA-Za-z/.\-]*[\dA-Za-z])?)*`;

/** Day, month and year as people write them (01.02.1990, 1.2.90, 1/2/1990, 1990-02-01, 1. Februar 1990). */
const MONTHS = "januar|jan|februar|feb|märz|maerz|mär|april|apr|mai|juni|jun|juli|jul|august|aug|september|sept|sep|oktober|okt|november|nov|dezember|dez|january|february|march|mar|may|june|july|october|oct|december|dec";
const DATE = String.raw`(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\s?\d{1,2}[./-]\s?(?:\d{4}|\d{2})|\d{1,2}\.?\s*(?:${MONTHS})\.?\s*\d{2,4})`;

/** Keyword-led identifiers: the keyword stays, the value goes. */
const keyed = (label: string, keywords: string, value = VALUE): Rule => ({
  label,
  pattern: new RegExp(String.raw`(?<keep>(?<![\p{L}\p{N}])(?:${keywords})\.?\s*[:#=]?\s*)${value}`, "giu"),
});

const RULES: Rule[] = [
  { label: "[E-Mail]", pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu },
  { label: "[Link]", pattern: /\bhttps?:\/\/\S+/giu },
  // IBAN of any country: two letters, check digits, 11–30 characters, grouped by four or not.
  { label: "[IBAN]", pattern: /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?(?![\p{L}\p{N}])/giu },
  // Jobcenter "BG-Nummer" (Bedarfsgemeinschaft): 12345BG0012345, 123 45 BG 001 2345, 12345//0012345.
  { label: "[BG-Nummer]", pattern: /(?<![\p{L}\p{N}])\d(?:\s?\d){2,5}\s?BG\s?\d(?:\s?\d){3,9}(?!\d)/giu },
  { label: "[BG-Nummer]", pattern: /(?<!\d)\d{3,6}\s?\/\/\s?\d{4,10}(?!\d)/gu },
  keyed("[BG-Nummer]", String.raw`BG[-\s]?Nr|BG[-\s]?Nummer|Bedarfsgemeinschafts?[-\s]?(?:Nr|Nummer)|Nummer der Bedarfsgemeinschaft`),
  // Dates of birth: the keyword says what the date is, so short years count too.
  keyed("[Geburtsdatum]", String.raw`geb|geboren(?:\s+am)?|Geb(?:urts)?\.?[-\s]?(?:Datum|Dat)|Geburtstag|DOB|date of birth|born(?:\s+on)?|d\.\s?o\.\s?b`, DATE),
  keyed("[Aktenzeichen]", String.raw`Aktenzeichen|Az|Akten[-\s]?Nr|Gesch(?:äfts|\.)?[-\s]?zeichen|Gz|Vorgangs[-\s]?(?:Nr|nummer)|Fall[-\s]?(?:Nr|nummer)|case (?:number|no)|file (?:number|no|reference)|reference number`),
  keyed("[Kundennummer]", String.raw`Kd[-.\s]*Nr|Kunden[-\s]?(?:Nr|nummer)|customer (?:number|no)`),
  keyed("[Steuer-ID]", String.raw`Steuer[-\s]?ID|Steuer[-\s]?Id[-\s]?Nr|Steuer[-\s]?Identifikationsnummer|Steueridentifikationsnummer|IdNr|Identifikationsnummer|tax (?:id|number)`),
  keyed("[Nummer]", String.raw`Pass[-\s]?(?:Nr|nummer)|Ausweis[-\s]?(?:Nr|nummer)|Personal[-\s]?(?:Nr|nummer)|passport (?:number|no)|Versicherungs[-\s]?(?:Nr|nummer)|SV[-\s]?(?:Nr|Nummer)|Renten[-\s]?versicherungs[-\s]?(?:Nr|nummer)`),
  // Sozialversicherungsnummer: 2 digits, birth date, initial, 3 digits (spaces optional).
  { label: "[SV-Nummer]", pattern: /\b\d{2}\s?\d{6}\s?[A-Z]\s?\d{3}\b/g },
  // Kundennummer of the Bundesagentur für Arbeit: 3 digits, a letter, 6 digits (123A456789).
  { label: "[Kundennummer]", pattern: /\b\d{3}\s?[A-Z]\s?\d{6}\b/g },
  // Court file numbers without a keyword: "5 K 123/24", "12 L 1234/25.A".
  { label: "[Aktenzeichen]", pattern: /\b\d{1,3}\s[A-Z]{1,2}\s\d{1,5}\/\d{2}(?:\.A)?\b/g },
  // Steuer-ID without keyword (before phone numbers, which it resembles): 11 digits, the first not 0, often written 12 345 678 901.
  { label: "[Steuer-ID]", pattern: /(?<![\p{N}§+])[1-9]\d(?:[ ./]?\d{3}){3}(?!\d)/gu },
  // Telephone numbers: international or trunk prefix, then digits with the usual separators.
  { label: "[Telefon]", pattern: /(?<![\p{L}\p{N}])(?:\+|00)\d{1,3}[\s./-]*(?:\(0\)[\s./-]*)?\(?\d(?:[\s./()-]*\d){5,14}(?!\d)/gu },
  { label: "[Telefon]", pattern: /(?<![\p{L}\p{N}§])\(?0\d{2,5}\)?(?:[\s./-]*\d){4,12}(?!\d)/gu },
  // Full dates (a date of birth without its keyword): 03.04.1990, 1990-04-03.
  { label: "[Datum]", pattern: /\b(?:0?[1-9]|[12]\d|3[01])\.\s?(?:0?[1-9]|1[0-2])\.\s?(?:19|20)\d{2}\b/g },
  { label: "[Datum]", pattern: /\b(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])\b/g },
  // Any remaining long number (customer, case, passport ids) — legal citations are short.
  { label: "[Nummer]", pattern: /\b[A-Z]{0,3}\d{7,}[A-Z]?\b/g },
  // Long digit runs in groups ("123-456-789", "1234 5678 9"): at least 9 digits, so "2024-2025" stays.
  { label: "[Nummer]", pattern: /(?<![\p{N}§])\d(?:[ -]?\d){8,}(?!\d)/gu },
];

function scrub(text: string, found?: Set<string>): string {
  let out = text.normalize("NFC");
  for (const { label, pattern } of RULES) {
    out = out.replace(pattern, (...args) => {
      found?.add(label);
      const groups = args.at(-1) as Record<string, string | undefined> | string;
      return typeof groups === "object" && groups.keep !== undefined ? `${groups.keep}${label}` : label;
    });
  }
  return out;
}

export function scrubPersonalData(text: string): string {
  return scrub(text);
}

/** The kinds of personal data in a text ("[BG-Nummer]", "[Telefon]", …), for the individual-case guard. */
export function personalDataIn(text: string): string[] {
  const found = new Set<string>();
  scrub(text, found);
  return [...found];
}

/**
 * A visitor's activity as it may be stored (the Direct Line log): its text and every string in
 * its card value (a feedback comment) scrubbed. The bot's turn still gets the original, so a
 * contact typed for a ticket reaches the ticket's contact field and nothing else.
 */
export function scrubActivity<T extends object>(activity: T): T {
  const { text, value } = activity as { text?: unknown; value?: unknown };
  const deep = (v: unknown): unknown =>
    typeof v === "string" ? scrubPersonalData(v) : Array.isArray(v) ? v.map(deep) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)])) : v;
  return {
    ...activity,
    ...(typeof text === "string" ? { text: scrubPersonalData(text) } : {}),
    ...(value !== undefined ? { value: deep(value) } : {}),
  };
}
