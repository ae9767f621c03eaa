/**
 * Every word the web widget shows — the launcher on the partner's page (widget.js) and the chat
 * page in its frame — in the four languages the bot speaks. The bot's own phrases are in
 * bot/locales/; these are only the frame around it.
 */
import { z } from "zod";

export const WIDGET_LANGS = ["de", "en", "uk", "ar"] as const;
export const WidgetLang = z.enum(WIDGET_LANGS);
export type WidgetLang = z.infer<typeof WidgetLang>;

/** Web Chat's locale per language; it has its own strings for all four. */
export const WEBCHAT_LOCALE: Record<WidgetLang, string> = { de: "de-DE", en: "en-US", uk: "uk-UA", ar: "ar-SA" };

export function direction(lang: WidgetLang): "ltr" | "rtl" {
  return lang === "ar" ? "rtl" : "ltr";
}

/** The privacy notice exists in German and English; Ukrainian and Arabic readers get English. */
export function privacyLang(lang: WidgetLang): "de" | "en" {
  return lang === "de" ? "de" : "en";
}

export interface LoaderStrings {
  /** The launcher button's text and accessible name. */
  launcher: string;
  close: string;
  /** The iframe's title, what a screen reader announces for the frame. */
  frameTitle: string;
}

export interface ChatStrings extends LoaderStrings {
  /** The language's own name, for the picker. */
  languageName: string;
  languageLabel: string;
  noticeHeading: string;
  /** Paragraphs of the notice shown before the first message. */
  notice: string[];
  privacy: string;
  /** Added to the privacy link for screen readers. */
  newTab: string;
  connecting: string;
  unavailable: string;
  retry: string;
  chatLabel: string;
  noscript: string;
}

export const STRINGS: Record<WidgetLang, ChatStrings> = {
  de: {
    launcher: "Fragen Sie Lotse",
    close: "Chat schließen",
    frameTitle: "Chat mit Lotse",
    languageName: "Deutsch",
    languageLabel: "Sprache",
    noticeHeading: "Willkommen bei Lotse",
    notice: [
      "Lotse ist der digitale Wegweiser des Lotsen-Teams im Haus der Integration (Jobcenter Wuppertal). Er beantwortet allgemeine Fragen von Arbeitgebern, Kammern, Vereinen und Ehrenamtlichen zu Beschäftigung, Ausbildung und Unterstützung Geflüchteter.",
      "Lotse entscheidet keine Einzelfälle und ersetzt keine Beratung. Bitte geben Sie keine persönlichen Daten zu einem Einzelfall ein (zum Beispiel Namen, Geburtsdaten oder Aktenzeichen).",
    ],
    privacy: "Datenschutz",
    newTab: "(öffnet in einem neuen Tab)",
    connecting: "Verbindung zu Lotse wird hergestellt …",
    unavailable: "Lotse ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.",
    retry: "Erneut versuchen",
    chatLabel: "Unterhaltung mit Lotse",
    noscript: "Für den Chat wird JavaScript benötigt.",
  },
  en: {
    launcher: "Ask Lotse",
    close: "Close chat",
    frameTitle: "Chat with Lotse",
    languageName: "English",
    languageLabel: "Language",
    noticeHeading: "Welcome to Lotse",
    notice: [
      "Lotse is the digital guide of the navigator team at Haus der Integration (Jobcenter Wuppertal). It answers general questions from employers, chambers, associations and volunteers about employing, training and supporting refugees.",
      "Lotse does not decide individual cases and does not replace advice. Please do not enter personal details of an individual case (for example names, dates of birth or file numbers).",
    ],
    privacy: "Privacy",
    newTab: "(opens in a new tab)",
    connecting: "Connecting to Lotse …",
    unavailable: "Lotse cannot be reached right now. Please try again later.",
    retry: "Try again",
    chatLabel: "Conversation with Lotse",
    noscript: "The chat needs JavaScript.",
  },
  uk: {
    launcher: "Запитайте Lotse",
    close: "Закрити чат",
    frameTitle: "Чат із Lotse",
    languageName: "Українська",
    languageLabel: "Мова",
    noticeHeading: "Ласкаво просимо до Lotse",
    notice: [
      "Lotse – цифровий помічник команди навігаторів (Lotsen) у Haus der Integration (Jobcenter Вупперталь). Він відповідає на загальні запитання роботодавців, палат, об’єднань і волонтерів про працевлаштування, професійне навчання та підтримку біженців.",
      "Lotse не ухвалює рішень в окремих випадках і не замінює консультацію. Будь ласка, не вводьте персональні дані щодо окремого випадку (наприклад, імена, дати народження чи номери справ).",
    ],
    privacy: "Захист даних (англійською)",
    newTab: "(відкривається в новій вкладці)",
    connecting: "З’єднання з Lotse …",
    unavailable: "Lotse зараз недоступний. Будь ласка, спробуйте пізніше.",
    retry: "Спробувати ще раз",
    chatLabel: "Розмова з Lotse",
    noscript: "Для чату потрібен JavaScript.",
  },
  ar: {
    launcher: "اسألوا Lotse",
    close: "إغلاق المحادثة",
    frameTitle: "محادثة مع Lotse",
    languageName: "العربية",
    languageLabel: "اللغة",
    noticeHeading: "مرحبًا بكم في Lotse",
    notice: [
      "Lotse هو المرشد الرقمي لفريق المرشدين (Lotsen) في Haus der Integration (مركز العمل Jobcenter في فوبرتال). يجيب عن الأسئلة العامة لأصحاب العمل والغرف المهنية والجمعيات والمتطوعين حول توظيف اللاجئين وتدريبهم ودعمهم.",
      "لا يتخذ Lotse قرارات في الحالات الفردية ولا يغني عن الاستشارة. يُرجى عدم إدخال بيانات شخصية تخص حالة فردية (مثل الأسماء أو تواريخ الميلاد أو أرقام الملفات).",
    ],
    privacy: "حماية البيانات (بالإنجليزية)",
    newTab: "(يفتح في علامة تبويب جديدة)",
    connecting: "جارٍ الاتصال بـ Lotse …",
    unavailable: "لا يمكن الوصول إلى Lotse حاليًا. يُرجى المحاولة لاحقًا.",
    retry: "إعادة المحاولة",
    chatLabel: "المحادثة مع Lotse",
    noscript: "تحتاج المحادثة إلى JavaScript.",
  },
};

/** The part widget.js needs, so the launcher does not carry the whole chat page's text. */
export function loaderStrings(): Record<WidgetLang, LoaderStrings> {
  return Object.fromEntries(WIDGET_LANGS.map((l) => [l, { launcher: STRINGS[l].launcher, close: STRINGS[l].close, frameTitle: STRINGS[l].frameTitle }])) as Record<WidgetLang, LoaderStrings>;
}
