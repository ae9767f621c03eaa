/**
 * Recognises a request for a human ("Ich möchte mit einem Menschen sprechen", "Rückruf bitte",
 * "can I talk to a navigator"). Checked before search: asking for a person always wins.
 */
import { normalizeForeign } from "./foreign.js";
import { foldGerman } from "./text.js";

const HUMAN_DE =
  "(mensch(en)?|person(en)?|mitarbeiter(in|innen)?|berater(in)?|lots(e|en|in|innen)|navigator(in|en)?|sachbearbeiter(in)?|ansprechpartner(in)?|beraterteam|jemand(em|en)?|team)";
const TALK_DE = "(sprechen|reden|verbinden|verbindet|schreiben|chatten|telefonieren|weiterleiten|kontakt|termin|beratung|beraten)";

const DE_PATTERNS: RegExp[] = [
  new RegExp(`\\b(mit|an|zu)\\s+(einem|einer|ner|nem|nen|ein|eine|den|die|der|jemand\\w*|ihren?)?\\s*(echten|richtigen|personlichen|menschlichen)?\\s*${HUMAN_DE}\\b.*\\b${TALK_DE}`),
  new RegExp(`\\b${HUMAN_DE}\\s+${TALK_DE}\\b`),
  new RegExp(`\\b${TALK_DE}\\b.*\\b(mit|an)\\s+(einem|einer|ner|nem|jemand\\w*)?\\s*${HUMAN_DE}\\b`),
  /\b(ruckruf|zuruckrufen|zuruckruft|ruckrufen)\b/,
  /\b(mich|uns)\b.*\b(an|zuruck)rufen\b/,
  new RegExp(`^(einen?\\s+|ne?n?\\s+)?${HUMAN_DE}\\s+bitte$`),
  /\b(ruft|ruf)\s+(mich|uns)\s+(bitte\s+)?(mal\s+)?(an|zuruck)\b/,
  /\b(echte|richtige|reale|lebendige|echten|richtigen)\s+(person|mensch|menschen|mitarbeiter\w*)\b/,
  /\bkein(en)?\s+(bot|roboter|computer|chatbot)\b.*\b(mensch|person)\b/,
  /\bansprechpartner\w*\s+(am|per)\s+telefon\b/,
  // "Ich will nicht mit einem Bot chatten": refusing the machine is asking for a person.
  /\b(nicht|kein\w*)\b.*\b(bot|chatbot|roboter|maschine|computer|automat)\b/,
  // Separable verbs: "leiten Sie mich ... weiter", "stellen Sie mich ... durch".
  new RegExp(`\\b(leiten|leite|stellen|stell)\\b.*\\b${HUMAN_DE}\\b.*\\b(weiter|durch)\\b`),
  new RegExp(`\\b(leiten|leite|stellen|stell)\\b.*\\b(weiter|durch)\\b.*\\b${HUMAN_DE}\\b`),
  // Someone to look at the individual case: only a person may do that.
  /\b(mein(en)?|unse?r(en)?)\s+(konkreten\s+|einzel)?fall\b.*\b(anschau\w*|anguck\w*|ansieht|prufen|pruft|besprechen)\b/,
  /\bpersonlich\b.*\b(sprechen|reden|beraten)\b/,
];

const HUMAN_EN = "(human|person|people|agent|navigator|someone|somebody|staff|advisor|adviser|operator|representative|employee|team|counsel+or)";
const EN_PATTERNS: RegExp[] = [
  new RegExp(`\\b(talk|speak|chat|connect|transfer|put)\\b.*\\b${HUMAN_EN}s?\\b`),
  /\b(call|phone|ring)\s+me(\s+back)?\b/,
  /\bcall\s*back\b/,
  /\b(real|live|actual)\s+(person|human|agent)\b/,
  /\bhuman\s+(agent|being|help)\b/,
  /\b(not|no|don t|dont)\b.*\b(bot|chatbot|robot|machine)\b/,
  /\b(look at|review|check)\s+(my|our)\s+(specific\s+|individual\s+|particular\s+)?case\b/,
  new RegExp(`\\b${HUMAN_EN}\\b.*\\b(call|contact)\\s+(me|us)\\b`),
];

// Ukrainian (and Russian) and Arabic, on text from `normalizeForeign` (no apostrophes, one alef,
// ة → ه, ى → ي). JavaScript's \b knows only ASCII letters: `(?<!\p{L})` marks a word start.
const W = "(?<!\\p{L})";
const HUMAN_UK = `${W}(людин\\p{L}*|людьми|працівник\\p{L}*|співробітник\\p{L}*|консультант\\p{L}*|оператор\\p{L}*|спеціаліст\\p{L}*|фахів\\p{L}*|менеджер\\p{L}*|навігатор\\p{L}*|лоцман\\p{L}*|кимось|когось|человек\\p{L}*|сотрудник\\p{L}*|консультант\\p{L}*)`;
const TALK_UK = `${W}(поговор\\p{L}*|говори\\p{L}*|розмовля\\p{L}*|спілкува\\p{L}*|поспілкува\\p{L}*|звязат\\p{L}*|звяза\\p{L}*|зєдна\\p{L}*|зєднай\\p{L}*|переключ\\p{L}*|перевед\\p{L}*|связат\\p{L}*|соедин\\p{L}*|поговорить)`;
const UK_PATTERNS: RegExp[] = [
  new RegExp(`${TALK_UK}.*${W}(з|із|зі|с|до|на)\\s+(\\p{L}+\\s+)?${HUMAN_UK}`, "u"),
  new RegExp(`${W}(зєднайте|звяжіть|переведіть|соедините|свяжите)\\s+(мене|нас|меня)`, "u"),
  new RegExp(`${W}(передзвон\\p{L}*|зателефонуйте|подзвоніть|перезвон\\p{L}*|позвоните)\\s+(мені|нам|мне)`, "u"),
  new RegExp(`${W}(жив\\p{L}*|справжн\\p{L}*|реальн\\p{L}*)\\s+(людин\\p{L}*|человек\\p{L}*|оператор\\p{L}*)`, "u"),
  new RegExp(`${W}(не|без)\\s+(з\\s+|с\\s+)?(бот|бота|ботом|роботом|чатбот\\p{L}*)(?!\\p{L})`, "u"),
];
const HUMAN_AR = `${W}(ب|ل|ال|بال|لل)?(موظف\\p{L}*|شخص\\p{L}*|انسان\\p{L}*|بشر\\p{L}*|مستشار\\p{L}*|مسوول\\p{L}*|احد|عامل\\p{L}*|ممثل\\p{L}*|مرشد\\p{L}*|مختص\\p{L}*|خبير\\p{L}*|مساعد\\p{L}*)`;
const TALK_AR = `${W}(و)?(اتحدث|التحدث|يتحدث|نتحدث|تحدث|الحديث|اتكلم|التكلم|نتكلم|يتكلم|تكلم|كلم\\p{L}*|اكلم|التواصل|اتواصل|نتواصل|تواصل|وصلني|اوصلني|حولني|حولوني|تحويلي|الاتصال|اتصال)`;
const AR_PATTERNS: RegExp[] = [
  new RegExp(`${TALK_AR}.*${W}(مع|ب|الي|الى|ل)\\s*${HUMAN_AR}`, "u"),
  new RegExp(`${TALK_AR}\\s+(ب|مع)?\\s*${HUMAN_AR}`, "u"),
  new RegExp(`${W}(وصلني|اوصلني|حولني|حولوني|اتصلوا\\s+بي|اتصل\\s+بي|اتصلو\\s+بي)`, "u"),
  new RegExp(`${W}(شخص|انسان|موظف)\\s+(حقيقي|بشري)`, "u"),
  new RegExp(`${W}(ليس|مش|لا\\s+اريد)\\s+(مع\\s+)?(ال)?(بوت|روبوت|الاله|اله)`, "u"),
];

export function isHandoffRequest(text: string): boolean {
  const t = foldGerman(text.normalize("NFC").toLowerCase()).replace(/[^\p{L}\p{N}\s]+/gu, " ").replace(/\s+/g, " ");
  if (t.length > 300) return false;
  if (DE_PATTERNS.some((p) => p.test(t)) || EN_PATTERNS.some((p) => p.test(t))) return true;
  if (!/[\p{Script=Cyrillic}\p{Script=Arabic}]/u.test(text)) return false;
  const f = normalizeForeign(text).replace(/[^\p{L}\p{N}\s]+/gu, " ").replace(/\s+/g, " ");
  return UK_PATTERNS.some((p) => p.test(f)) || AR_PATTERNS.some((p) => p.test(f));
}
