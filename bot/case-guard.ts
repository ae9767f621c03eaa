/**
 * Recognises questions about one person's case ("sein Antrag wurde abgelehnt, was passiert
 * jetzt?", "bekommt Herr X die Erlaubnis?"). Lotse answers those with the general rule, the
 * office that decides and the way to a navigator — never with a forecast for that case — and
 * asks people not to put case data into the chat.
 */
import { personalDataIn } from "../src/privacy/scrub.js";

/** Identifiers that belong to one person's file; contact details alone are not a case. */
const CASE_IDENTIFIERS = new Set(["[BG-Nummer]", "[Aktenzeichen]", "[Kundennummer]", "[Steuer-ID]", "[SV-Nummer]", "[IBAN]", "[Geburtsdatum]"]);

/** A particular person: "Herr X", "Frau Y", "Mr Smith". */
const NAMED_PERSON = /(?<![\p{L}])(?:Herrn?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|пан|пані|السيد|السيدة)\s+\p{Lu}/u;

/** "mein Mitarbeiter", "sein Antrag", "unsere Auszubildende", "my employee", "his application". */
const POSSESSIVE = String.raw`mein|meine|meinem|meinen|meiner|sein|seine|seinem|seinen|seiner|ihr|ihre|ihrem|ihren|ihrer|unser|unsere|unserem|unseren|unserer|my|his|her|our|their|мій|моя|моє|мого|моєї|його|її|наш|наша|нашого|нашої`;
const CASE_NOUN = String.raw`mitarbeiter(?:in)?|azubi|auszubildende[rn]?|praktikant(?:in)?|bewerber(?:in)?|kollege|kollegin|schützling|mentee|klient(?:in)?|mandant(?:in)?|sohn|tochter|mann|bruder|schwester|freund(?:in)?|nachbar(?:in)?|antrag|asylantrag|bescheid|akte|fall|verfahren|asylverfahren|widerspruch|klage|anhörung|duldung|aufenthaltserlaubnis|arbeitserlaubnis|beschäftigungserlaubnis|aufenthalt|leistungen|bürgergeld|geld|employee|trainee|apprentice|colleague|client|application|case|permit|file|benefits|працівни\p{L}*|заяв\p{L}*|справ\p{L}*|дозв\p{L}*|виплат\p{L}*`;
const PERSON_REFERENCE = new RegExp(String.raw`(?<![\p{L}])(?:${POSSESSIVE})\s+(?:\p{L}+\s+)?(?:${CASE_NOUN})(?![\p{L}])`, "iu");

/** What happens, or will happen, in that case: decisions, deportation, money that stopped. */
const CASE_OUTCOME = new RegExp(
  [
    String.raw`abgelehnt|ablehnung|abgeschoben|abschiebung|abschieben|ausgewiesen|zurückgewiesen|widerrufen|genehmigt|bewilligt|entschieden|gekürzt|gestrichen|eingestellt|sanktioniert|sanktion`,
    String.raw`was passiert (?:jetzt|nun|dann)|wie geht es (?:jetzt |nun )?weiter|wird (?:er|sie)\b|bekommt (?:er|sie)\b|darf (?:er|sie) (?:bleiben|jetzt)|warum (?:kein|keine|nicht|wurde)|chancen|aussichten|wie lange dauert`,
    String.raw`bekomm\w* .{0,40}(?:erlaubnis|genehmigung|duldung|aufenthaltstitel|geld|leistungen)`,
    String.raw`rejected|refused|denied|deported|deportation|approved|granted|what happens now|will (?:he|she|they) (?:be|get)|why (?:no|not|did)|chances`,
    String.raw`відхил|депорт|схвал|що буде|чому не|رفض|ترحيل|سيرحل|قبول|ماذا سيحدث|لماذا لا`,
  ].join("|"),
  "iu",
);

/** Arabic possessive suffixes make "his application" one word: طلبه، ملفه، موظفي، طلبي. */
const ARABIC_PERSON_REFERENCE = /(?:طلب|ملف|موظف|إقامت|اقامت)(?:ه|ها|ي|نا)(?![\p{L}])/u;

export interface CaseSignals {
  /** The kinds of case identifiers found ("[BG-Nummer]", …); they are redacted before anything is stored. */
  identifiers: string[];
  /** A particular person or their file ("Herr X", "sein Antrag"). */
  person: boolean;
  /** A decision or forecast about that person ("abgelehnt", "wird er abgeschoben?"). */
  outcome: boolean;
}

export function caseSignals(text: string): CaseSignals {
  const t = text.normalize("NFC");
  return {
    identifiers: personalDataIn(t).filter((label) => CASE_IDENTIFIERS.has(label)),
    person: NAMED_PERSON.test(t) || PERSON_REFERENCE.test(t) || ARABIC_PERSON_REFERENCE.test(t),
    outcome: CASE_OUTCOME.test(t),
  };
}

/**
 * A question about one person's case: it carries a case identifier, or it names a person or
 * their file together with a decision about them. "Darf mein Mitarbeiter mit Duldung arbeiten?"
 * is the general rule asked by an employer, not a case.
 */
export function isIndividualCase(text: string): boolean {
  return individualCase(text) !== undefined;
}

/** The signals of a question about one person's case, or undefined for a general question. */
export function individualCase(text: string): CaseSignals | undefined {
  const s = caseSignals(text);
  return s.identifiers.length > 0 || (s.person && s.outcome) ? s : undefined;
}
