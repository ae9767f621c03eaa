/**
 * Everyday words that appear in questions on any topic ("gut", "heute", "finden", "tell").
 * They stay searchable but weigh little when we judge whether an article covers a question,
 * so "Wie spät ist es?" does not look like a question about our articles. Folded spelling.
 */
import type { Language } from "./schema.js";
import { foldGerman, stem } from "./text.js";

const DE = `
gut gute guten gutes besser beste schlecht schlechte schon noch immer nie oft manchmal sehr ganz
heute morgen gestern ubermorgen jetzt gleich bald spat spater fruh fruher nacht abend mittag tag tage woche
wochen monat jahr jahre zeit uhr uhrzeit minute stunde stunden wochenende sonntag montag
finden suchen machen tun gehen kommen sagen geben nehmen bekommen kriegen lassen sehen stehen liegen
wissen denken glauben meinen sprechen erzahlen helfen hilfe fragen antwort antworten erklaren zeigen
neu neue neuen alt alte alten gross grosse klein kleine lang lange kurz viel viele wenig wenige mehr
richtig falsch schnell langsam einfach schwer wichtig moglich moglichkeit problem probleme sache sachen
ding dinge leute mann frau kind kinder familie freund freundin mensch menschen person personen
hallo tschuss danke bitte ok okay ja nein vielleicht wirklich eigentlich genau also dann denn doch
bester wetter essen trinken kochen rezept spiel spass witz musik film
hoch hohe abgeben
uberhaupt heisst bedeutet bedeuten steht bekommt kommt anfangen fange fangt stimmt
passiert macht gemacht gern gerne mochte lieber erstmal fertig sofort statt wegen laut seit solange bevor
wieviel wieso weshalb ungefahr etwa klappt klappen funktioniert funktionieren trotzdem irgendwie irgendwas je
dauerhaft sitzen steckt kummert fragt bietet herr herrn eigene eigenen eigener dauert dauern erreiche erreichen erreicht stattfinden
wuppertal deutschland nrw stadt
afghanistan afghane afghanen afghanin syrien syrer syrerin irak iraker iran iraner eritrea somalia turkei nigeria jemen sudan
`;

const EN = `
good better best bad worse now today tomorrow yesterday soon late early night day days week weeks month
year years time hour hours minute weekend find look search make do go come say tell give take get got
let see know think believe mean speak talk help answer explain show new old big small long short much
many more less right wrong fast slow easy hard important possible problem problems thing things people
man woman child children family friend person hello bye thanks thank ok okay yes no maybe really
actually exactly just like also then best weather food eat drink cook recipe game fun joke music movie
still straight away during anything something guy guys quick quickly asap means meaning happen happens
anyway currently whether mr mrs ms miss dr sir madam kind located location sit next way regular regularly
simply along although behind weak written
wuppertal germany german city
afghanistan afghan syria syrian iraq iraqi iran iranian eritrea eritrean somalia turkey nigeria yemen sudan
`;

// Compared by stem, so "erzähl", "erzählt" and "erzählen" are all everyday words.
const stems = (s: string, lang: Language, fold: (w: string) => string) =>
  new Set(s.split(/\s+/).filter(Boolean).map((w) => stem(fold(w), lang)));
const GENERIC: Record<Language, ReadonlySet<string>> = { de: stems(DE, "de", foldGerman), en: stems(EN, "en", (w) => w) };

/** @param word a folded word as produced by `contentWords` */
export function isGenericWord(word: string, lang: Language): boolean {
  return GENERIC[lang].has(stem(word, lang));
}
