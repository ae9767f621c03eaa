/**
 * Questions in Ukrainian and Arabic. The articles are written in German and English; for these
 * languages they carry example questions only (`uk.questions`, `ar.questions`), so a question
 * is matched against those — and against the German title and keywords for the Latin words
 * people mix in ("EGZ", "§ 60d", "Duldung").
 */
import { boundedEditDistance } from "./edit-distance.js";
import type { ForeignLanguage } from "./schema.js";
import { foldGerman, isStopWord, stem } from "./text.js";

const APOSTROPHES = /['’ʼ`´‘]/g;
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/** NFKC, lower case; Ukrainian: ґ → г, no apostrophes; Arabic: no tashkeel/tatweel, one alef, ى → ي, ة → ه. */
export function normalizeForeign(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(APOSTROPHES, "")
    .replace(/ґ/g, "г").replace(/ё/g, "е").replace(/ъ/g, "")
    .replace(ARABIC_MARKS, "")
    .replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه").replace(/ؤ/g, "و").replace(/ئ/g, "ي");
}

const UK_STOP = new Set((
  "я ти ми ви він вона воно вони це цей ця ці цю того тому що як чи де коли хто який яка яке які якого якої " +
  "на в у з із зі до для по від про за і й та а але не ні так мені мене мій моя моє мої моїй моєму нам нас наш наша наше наші " +
  "вам вас ваш ваша його її їх їм йому їй можна можу може можемо можете треба потрібно чи є бути був була було буде " +
  "вже ще також тут там чого чому скільки під після без при через або якщо коли тоді дуже теж лише тільки будь ласка привіт " +
  "добрий день дякую хочу хочемо знаю скажіть підкажіть " +
  // Russian forms people also write
  "это как мне можно ли что где когда кто какой какие нужно надо есть или если для от при"
).split(" "));

const AR_STOP = new Set((
  "من في على الى عن مع هل ما ماذا كيف متى اين لماذا اي ان او و ف ثم هذا هذه ذلك تلك التي الذي الذين انا نحن انت انتم " +
  "هو هي هم لي لنا له لها لهم لدي لديه لديها لدينا لا لم لن نعم يمكن يمكنني يمكننا ممكن كان كانت يكون عند عندي عندنا كل بعض قد لقد اذا " +
  "شكرا مرحبا السلام عليكم من فضلك لو سمحت اريد نريد ارجو"
).split(" ").map((w) => normalizeForeign(w)));

const UK_SUFFIXES = [
  "ування", "ювання", "ування", "ювати", "увати", "овувати", "ністю", "ності", "ність", "ання", "ення", "іння",
  "ується", "ються", "ється", "уться", "ати", "яти", "ити", "іти", "ути",
  "ами", "ями", "ові", "еві", "ого", "ому", "ими", "іми", "ій", "ий", "ої", "ою", "ею", "ем", "ом", "ах", "ях", "ів", "їв",
  "ює", "ють", "ать", "ять", "уть", "ить", "ся", "сь",
  "а", "я", "у", "ю", "і", "и", "о", "е", "ь", "ї", "й",
].sort((a, b) => b.length - a.length);

/** Crude Ukrainian stemming: one inflection ending off, then at most five letters (біженець, біженця → біжен). */
function stemUk(word: string): string {
  let w = word;
  for (const s of UK_SUFFIXES) {
    if (w.length - s.length >= 3 && w.endsWith(s)) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  return w.slice(0, 5);
}

const AR_PREFIXES = ["وال", "بال", "كال", "فال", "لل", "ال"];
const AR_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "يا", "هم", "كم", "نا", "ه", "ي"];

/** Light Arabic stemming (after Larkey's light10): a leading و, the article with its particles, common endings. */
function stemAr(word: string): string {
  let w = word;
  if (w.length > 3 && w.startsWith("و")) w = w.slice(1);
  for (const p of AR_PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= 2) {
      w = w.slice(p.length);
      break;
    }
  }
  // A leading preposition (ب ل ف ك) before a long word: "لصاحب" → "صاحب".
  if (w.length >= 5 && /^[بلفك]/.test(w)) w = w.slice(1);
  for (const s of AR_SUFFIXES) {
    if (w.length - s.length >= 3 && w.endsWith(s)) w = w.slice(0, -s.length);
  }
  return w;
}

/** A Latin token in a Ukrainian or Arabic question: analysed as German ("Duldung", "EGZ", "60d"). */
function latinTerm(token: string): string | undefined {
  const f = foldGerman(token);
  if ((f.length < 2 && !/\d/.test(f)) || isStopWord(f, "de") || isStopWord(f, "en")) return undefined;
  return stem(f, "de");
}

/** Search terms of a Ukrainian or Arabic text, in order (Latin words analysed as German). */
export function foreignTerms(text: string, lang: ForeignLanguage): string[] {
  const out: string[] = [];
  const tokens = normalizeForeign(text).replace(/§+/g, " ").split(/[^\p{L}\p{N}]+/u);
  for (const t of tokens) {
    if (t.length === 0 || t.length > 60) continue;
    if (/^[\p{Script=Latin}\p{N}]+$/u.test(t)) {
      const term = latinTerm(t);
      if (term) out.push(term);
    } else if (/\p{Script=Cyrillic}/u.test(t)) {
      if (t.length < 2 || UK_STOP.has(t)) continue;
      out.push(stemUk(t.replace(/ы/g, "и").replace(/э/g, "е")));
    } else if (/\p{Script=Arabic}/u.test(t)) {
      if (t.length < 2 || AR_STOP.has(t)) continue;
      const s = stemAr(t);
      if (s.length >= 2) out.push(s);
    }
  }
  void lang; // one analysis for both: a mixed question may contain either script.
  return out;
}

/** Terms of the vocabulary one edit away from a term of at least five letters (typos, і/о alternation). */
export function nearForeignTerms(term: string, vocabulary: Iterable<string>): string[] {
  if (term.length < 5 || /\d/.test(term)) return [];
  const found: string[] = [];
  for (const v of vocabulary) {
    if (Math.abs(v.length - term.length) > 1) continue;
    if (boundedEditDistance(term, v, 1) <= 1 && v !== term) found.push(v);
    if (found.length >= 2) break;
  }
  return found;
}

