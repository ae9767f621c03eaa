/**
 * Questions in Ukrainian and Arabic. The articles are written in German and English; for these
 * languages they carry example questions only (`uk.questions`, `ar.questions`), so a question
 * is matched against those — and against the German title and keywords for the Latin words
 * people mix in ("EGZ", "§ 60d", "Duldung").
 */
import { boundedEditDistance } from "./edit-distance.js";
import type { ForeignLanguage, LexiconEntry } from "./schema.js";
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
  "таке такий така такі має мають щоб нашій нашого нашому нашим нашу вашій вашого свій своя своє свої своїй своєму свою свого " +
  "потрібен потрібна потрібні мусить мушу куди сам сама самі яку якій якому яким тепер зараз чим між ніж уже все себе нього неї них " +
  "перш поки наприклад людина людині людину людей людям людьми хтось щось взагалі одразу далі " +
  "отримати отримує отримав отримала отримали отримаю отримують німеччині німеччина німеччину зможе зможу може можуть хоче хочуть " +
  // Russian forms people also write
  "это как мне можно ли что где когда кто какой какие нужно надо есть или если для от при"
).split(" "));

const AR_STOP = new Set((
  "من في على الى عن مع هل ما ماذا كيف متى اين لماذا اي ان او و ف ثم هذا هذه ذلك تلك التي الذي الذين انا نحن انت انتم " +
  "هو هي هم لي لنا له لها لهم لدي لديه لديها لدينا لا لم لن نعم يمكن يمكنني يمكننا ممكن كان كانت يكون عند عندي عندنا كل بعض قد لقد اذا " +
  "شكرا مرحبا السلام عليكم من فضلك لو سمحت اريد نريد ارجو " +
  "ال يجب ام معه معها بعد كم بين قبل لمن وهل زال زالت حسب علي عليه ان ومن منذ اثناء خلال وفق فقط لكن منه منها كيف وما دون رغم " +
  "نفس عندما اكثر ايضا هناك هنا الان اذن لماذا وكيف وكم وما ماذا هل وهل الذي التي شخص لشخص الشخص احد " +
  "يحتاج احتاج نحتاج يستطيع استطيع يمكنه يمكنها يريد تريد يجوز تعني يعني يوجد توجد جديد جديده اخر اخري خاص خاصه بالنسبه مثل عبر اجل لاي " +
  "بنفسي بنفسه المانيا لالمانيا بالمانيا احصل يحصل الحصول حصل حصلت"
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

/** One inflection ending off, no truncation: the lexicon compares these (роботодавець ≠ робота). */
function lightStemUk(word: string): string {
  for (const s of UK_SUFFIXES) {
    if (word.length - s.length >= 3 && word.endsWith(s)) return word.slice(0, -s.length);
  }
  return word;
}

const AR_PREFIXES = ["وال", "بال", "كال", "فال", "لل", "ال"];
const AR_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "يا", "هم", "كم", "نا", "ه", "ي"];

/** Light Arabic stemming (after Larkey's light10): a leading و, the article with its particles, common endings. */
function stemAr(word: string, proclitic = true): string {
  let w = word;
  if (w.length > 3 && w.startsWith("و")) w = w.slice(1);
  for (const p of AR_PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= 2) {
      w = w.slice(p.length);
      break;
    }
  }
  // A leading preposition (ب ل ف ك) before a long word: "لصاحب" → "صاحب".
  if (proclitic && w.length >= 5 && /^[بلفك]/.test(w)) w = w.slice(1);
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

/**
 * The words of a Ukrainian or Arabic question that are searched and glossed: more than any question
 * needs, and a bound on the lexicon's work (every wording against every word) for a huge one.
 */
export const MAX_FOREIGN_WORDS = 40;

/** A word of a Ukrainian or Arabic text: its search term and its light stem (for the lexicon). */
export interface ForeignWord {
  /** The term the example-question index uses (Latin words analysed as German). */
  term: string;
  /** Inflection ending off, not truncated: compared with lexicon wordings. Empty for Latin words. */
  light: string;
}

/** The words of a Ukrainian or Arabic text, in order, without stop words (Latin words analysed as German). */
export function foreignWords(text: string): ForeignWord[] {
  const out: ForeignWord[] = [];
  const tokens = normalizeForeign(text)
    .replace(/§+/g, " ")
    // A script change is a word boundary: "الـDuldung" is the Arabic article before a German word.
    .replace(/(?<=[\p{Script=Arabic}\p{Script=Cyrillic}])(?=[\p{Script=Latin}\p{N}])|(?<=[\p{Script=Latin}\p{N}])(?=[\p{Script=Arabic}\p{Script=Cyrillic}])/gu, " ")
    .split(/[^\p{L}\p{N}]+/u);
  for (const t of tokens) {
    if (t.length === 0 || t.length > 60) continue;
    if (/^[\p{Script=Latin}\p{N}]+$/u.test(t)) {
      const term = latinTerm(t);
      if (term) out.push({ term, light: "" });
    } else if (/\p{Script=Cyrillic}/u.test(t)) {
      if (t.length < 2 || UK_STOP.has(t)) continue;
      const w = t.replace(/ы/g, "и").replace(/э/g, "е");
      out.push({ term: stemUk(w), light: lightStemUk(w) });
    } else if (/\p{Script=Arabic}/u.test(t)) {
      if (t.length < 2 || AR_STOP.has(t)) continue;
      const s = stemAr(t);
      // The light stem keeps a leading ب ل ف ك (it may be the root's: لاجئ); matching tries both.
      if (s.length >= 2) out.push({ term: s, light: stemAr(t, false) });
    }
  }
  return out;
}

/** Search terms of a Ukrainian or Arabic text, in order (Latin words analysed as German). */
export function foreignTerms(text: string, lang: ForeignLanguage): string[] {
  void lang; // one analysis for both: a mixed question may contain either script.
  return foreignWords(text).map((w) => w.term);
}

/** One wording of the lexicon, compiled: its light stems in order, and the German search text it stands for. */
export interface LexiconPhrase {
  words: string[];
  de: string;
}

/**
 * The lexicon's wordings in one language (content/lexicon.yaml), longest first so that
 * "صاحب العمل" (employer) wins over "العمل" (work).
 */
export function compileLexicon(entries: readonly LexiconEntry[], lang: ForeignLanguage): LexiconPhrase[] {
  const phrases: LexiconPhrase[] = [];
  for (const e of entries) {
    for (const wording of e[lang]) {
      const words = foreignWords(wording).map((w) => w.light || w.term);
      if (words.length > 0) phrases.push({ words, de: e.de });
    }
  }
  return phrases.sort((a, b) => b.words.length - a.words.length);
}

export interface LexiconMatch {
  /** Positions in the question's word list covered by the wording. */
  at: number[];
  de: string;
}

/**
 * The lexicon wordings found in a question's words (longest first, each word used once). A
 * question word matches a wording's word when their light stems are equal, one edit apart
 * (дозвіл/дозволу, from five letters) or one extends the other by at most two letters
 * (біженець/біженця); the words of a wording must follow each other, one extra word between allowed.
 */
export function matchLexicon(words: readonly ForeignWord[], phrases: readonly LexiconPhrase[]): LexiconMatch[] {
  const used = new Set<number>();
  const out: LexiconMatch[] = [];
  for (const p of phrases) {
    for (let i = 0; i < words.length; i++) {
      if (used.has(i) || !sameWord(words[i]!.light, p.words[0]!)) continue;
      const at = [i];
      let j = i;
      for (let k = 1; k < p.words.length && at.length === k; k++) {
        for (let step = 1; step <= 2 && j + step < words.length; step++) {
          if (!used.has(j + step) && sameWord(words[j + step]!.light, p.words[k]!)) {
            j += step;
            at.push(j);
            break;
          }
        }
      }
      if (at.length < p.words.length) continue;
      at.forEach((x) => used.add(x));
      out.push({ at, de: p.de });
    }
  }
  return out;
}

function sameWord(word: string, wanted: string): boolean {
  if (word.length === 0) return false;
  // An Arabic preposition written onto the word: "لصاحب" is "صاحب" (employer) with "for".
  if (word.length >= 4 && /^[بلفك]/.test(word) && sameWord(word.slice(1), wanted)) return true;
  if (word === wanted) return true;
  const [short, long] = word.length <= wanted.length ? [word, wanted] : [wanted, word];
  if (short.length >= 4 && long.length - short.length <= 2 && long.startsWith(short)) return true;
  return short.length >= 5 && boundedEditDistance(word, wanted, 1) <= 1;
}

/**
 * What a Ukrainian or Arabic text says in German as far as the lexicon knows it: the German search
 * text of each wording found, then the Latin words as analysed ("Duldung", "60d"). Empty when
 * neither is there.
 */
export function lexiconGloss(text: string, phrases: readonly LexiconPhrase[]): string {
  const words = foreignWords(text).slice(0, MAX_FOREIGN_WORDS);
  return [...matchLexicon(words, phrases).map((m) => m.de), ...words.filter((w) => w.light === "").map((w) => w.term)].join(" ");
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

