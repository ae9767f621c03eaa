/**
 * Detects the language of a question: Ukrainian (any Cyrillic, Russian included) and Arabic by
 * their script, German or English from function words and spelling.
 */
import type { Language, QuestionLanguage } from "./schema.js";
import { tokenize } from "./text.js";

const DE = new Set(("der die das den dem des ein eine einen einem einer und oder ist sind bin war wird werden kann " +
  "darf muss soll wie was wer wo wann warum welche welcher welches ich wir sie er es mein meine unser unsere nicht " +
  "kein keine mit für fuer von zum zur bei auf aus nach auch noch schon gibt gibts geht brauche brauchen habe haben " +
  "hat wenn dass ob bitte danke hallo mal jetzt einstellen arbeiten arbeit geflüchtete flüchtling zuschuss ausbildung " +
  "nen ne im am vom ins").split(" "));
const EN = new Set(("the a and or is are be can could may must should how what who where when why " +
  "which i we you he she it my our their not no with for from to at on of by do does did get there " +
  "if that please thanks hello hi need want have has hire hiring work permit refugee refugees employer job " +
  "training apprenticeship language course support help allowed").split(" "));

/** Whether a text has any Cyrillic or Arabic letter: the scripts of the question languages without article texts. */
export function hasForeignScript(text: string): boolean {
  return FOREIGN_SCRIPT.test(text);
}

const FOREIGN_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Arabic}]/u;

export interface LanguageGuess {
  language: QuestionLanguage;
  /** 0..1, how sure the guess is; low for one-word or mixed questions. */
  certainty: number;
}

export function detectLanguage(text: string): LanguageGuess {
  // Script first: a question mostly in Cyrillic or Arabic letters is Ukrainian or Arabic, even
  // with German terms mixed in ("Чи можна працювати з Duldung?").
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters > 0) {
    const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
    const arabic = text.match(/\p{Script=Arabic}/gu)?.length ?? 0;
    const [lang, n] = cyrillic >= arabic ? (["uk", cyrillic] as const) : (["ar", arabic] as const);
    if (n / letters >= 0.4) return { language: lang, certainty: Math.min(1, n / letters) };
  }
  let de = /[äöüß]/i.test(text) ? 2 : 0;
  let en = 0;
  for (const t of tokenize(text)) {
    if (DE.has(t)) de++;
    if (EN.has(t)) en++;
    if (/(ung|keit|heit|schaft|lich|isch)$/.test(t) && t.length > 6) de += 0.5;
    if (/(tion|ing|ment|ness)$/.test(t) && t.length > 5) en += 0.5;
  }
  const total = de + en;
  if (total === 0) return { language: "de", certainty: 0 };
  const language: Language = en > de ? "en" : "de";
  return { language, certainty: Math.abs(de - en) / total };
}
