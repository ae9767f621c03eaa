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
brauch irgendwo irgendeine irgendeinen irgendwelche irgendwann kriegt kriegen gekriegt paar danach vorher drin drauf
rein raus konkret bringt worauf wofur womit woran wohin davon dabei daruber sitzt notig gehort kam kamen lohnt lohnen
angeblich automatisch extra dringend selber selbst meint meinte gemeint gar bisher obwohl lebt standig wollten bekannte
ubrig bleibt deren schicken schickt geschickt gesagt sagt sollen speziell spezielle spezielles kaum gekommen rest nochmal
knapp ende teil basis super total ehrlich nix eh null ware waren ausserdem unbedingt deshalb beide fast letzte letztes
moment gerade wirklich halt echt quasi sowieso sowas irgendwie bestimmt eben ziemlich klar okay leider hoffentlich
wuppertal deutschland nrw stadt hause zuhause daheim
zwei drei vier funf sechs sieben acht neun zehn elf zwolf zwanzig dreissig hundert
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
simply along although behind weak written run runs running
here there again anyone another came come told tell well same back later few top instead until full high open close
goes went put turn turns kind sort lot lots bit little pretty quite really sure sorry unfortunately hopefully
wuppertal germany german city
two three four five six seven eight nine ten eleven twelve twenty thirty hundred ago
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

/**
 * Words that say where someone works or what as ("Bäckerei", "Lagerarbeiter", "kebab shop", "bus
 * drivers"): the setting of an employer's question, not its topic — whether a person with a
 * Duldung may work does not depend on the trade. German by the compound's last part (its head),
 * English by the word itself; no word of the lists names a trade the knowledge base is about
 * (nursing, for the recognition of health professions), and query.ts keeps the German words the
 * knowledge base mentions. Words that are also verbs ("store", "plant") or name volunteers
 * ("helper") are left out.
 */
const SETTING_HEADS_DE = `
arbeiter arbeiterin helfer helferin fahrer fahrerin kraft krafte lehrling lehrlinge geselle gesellin meister meisterin
handwerker mechaniker mechanikerin mechatroniker elektriker elektrikerin installateur klempner lackierer tischler schreiner
zimmerer maurer dachdecker fliesenleger leger backer backerin metzger fleischer friseur friseurin gartner gartnerin kochin
kellner kellnerin verkaufer verkauferin kassierer kassiererin reiniger reinigerin hausmeister lagerist lageristin logistiker
kurier fahrradkurier schweisser schlosser monteur monteurin techniker technikerin programmierer imker landwirt erntehelfer
werkstatt betrieb laden geschaft firma unternehmen fabrik restaurant imbiss pizzeria cafe kuche salon hotel lager halle
baustelle spedition gaststatte kneipe backerei metzgerei konditorei schreinerei gartnerei druckerei wascherei tischlerei
`;
const SETTING_EN = `
shop shops restaurant restaurants bakery bakeries cafe kitchen garage workshop factory warehouse farm farms
salon hotel vineyard kebab pizzeria butchery carpentry
driver drivers worker workers mechanic mechanics welder welders plumber plumbers electrician electricians carpenter carpenters
cook cooks chef chefs cleaner cleaners hairdresser hairdressers barber barbers painter painters tiler tilers roofer roofers
gardener gardeners waiter waiters waitress cashier cashiers labourer labourers laborer technician technicians
baker bakers butcher butchers farmer farmers courier couriers forklift dishwasher dishwashers beekeeper
`;
const SETTING_HEADS: ReadonlySet<string> = new Set(SETTING_HEADS_DE.split(/\s+/).filter(Boolean));
const SETTING_WORDS_EN: ReadonlySet<string> = new Set(SETTING_EN.split(/\s+/).filter(Boolean));

/**
 * The part of a word that names a workplace or trade ("arbeiter" in "lagerarbeiter", "krafte" in
 * "reinigungskrafte", the word itself in English), or undefined.
 * @param word a folded word as produced by `contentWords`
 */
export function settingHead(word: string, lang: Language): string | undefined {
  if (lang === "en") return SETTING_WORDS_EN.has(word) ? word : undefined;
  if (word.length >= 8 && word.endsWith("erei")) return word;
  // The head is the compound's last part, in any number: "fachlageristen", "kuchenhelferinnen".
  for (let i = 0; i <= word.length - 4; i++) {
    const head = word.slice(i);
    if (SETTING_HEADS.has(head)) return head;
    const singular = head.replace(/(innen|en|n|s)$/, "");
    if (singular !== head && SETTING_HEADS.has(singular)) return singular;
  }
  return undefined;
}
