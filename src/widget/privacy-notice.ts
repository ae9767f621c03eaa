/**
 * The privacy notice at /datenschutz (German, ?lang=en English): what Lotse stores, when, for
 * how long, and who answers for it. Built from the running configuration — the retention
 * period is the real one, and only what is configured is named as the operator's contact.
 */
import { z } from "zod";
import type { Config } from "../config.js";
import { html, type SafeHtml } from "./html.js";

export const PrivacyLang = z.enum(["de", "en"]);
export type PrivacyLang = z.infer<typeof PrivacyLang>;
export const PrivacyQuery = z.object({ lang: PrivacyLang.catch("de") });

/** What the notice depends on, taken from the configuration. */
export interface PrivacyFacts {
  operator: Config["operator"];
  retentionDays: number;
  /** Tickets also go to the operator's ticket system (WEBHOOK_URL). */
  webhook: boolean;
  /** Lotse runs as an Azure Bot (Teams; tickets in the navigators' Teams channel). */
  azureBot: boolean;
  /** The web chat goes through Microsoft's Direct Line instead of Lotse's own. */
  azureDirectLine: boolean;
}

export function privacyFacts(config: Config): PrivacyFacts {
  return {
    operator: config.operator,
    retentionDays: config.handoff.retentionDays,
    webhook: Boolean(config.webhook.url),
    azureBot: Boolean(config.bot.clientId),
    azureDirectLine: Boolean(config.directLine.secret),
  };
}

interface Section {
  heading: string;
  body: SafeHtml;
}

/** A legal page's content (privacy notice, terms of use); rendered by renderLegalPage. */
export interface LegalPage {
  title: string;
  /** A paragraph above the sections. */
  intro?: string;
  otherLanguage: SafeHtml;
  languageNav: string;
  sections: Section[];
}

type Notice = LegalPage & { intro: string };

const mail = (address: string) => html`<a href="mailto:${address}">${address}</a>`;

function german(f: PrivacyFacts): Notice {
  const n = f.retentionDays;
  const imprint = "siehe Impressum des Betreibers";
  return {
    title: "Datenschutzhinweise für Lotse",
    intro:
      "Lotse ist der Chatbot des Lotsen-Teams im Haus der Integration (Jobcenter Wuppertal). Er beantwortet allgemeine Fragen von Arbeitgebern, Kammern, Vereinen und Ehrenamtlichen zu Beschäftigung, Ausbildung und Unterstützung Geflüchteter. Hier steht, welche Daten dabei verarbeitet werden, wie lange sie bleiben und welche Rechte Sie haben.",
    otherLanguage: html`<a href="/datenschutz?lang=en" hreflang="en" lang="en">Privacy notice in English</a>`,
    languageNav: "Sprache",
    sections: [
      {
        heading: "Verantwortlich",
        body: html`<dl>
<dt>Betreiber</dt><dd>${f.operator.name}</dd>
<dt>Anschrift</dt><dd>${f.operator.address || imprint}</dd>
<dt>E-Mail</dt><dd>${f.operator.email ? mail(f.operator.email) : imprint}</dd>
<dt>Datenschutzbeauftragte oder Datenschutzbeauftragter</dt><dd>${f.operator.dpoEmail ? mail(f.operator.dpoEmail) : imprint}</dd>
</dl>`,
      },
      {
        heading: "Bevor Sie etwas schreiben",
        body: html`<p>Solange Sie den Chat nur öffnen, speichert Lotse nichts über Sie. Ihr Browser lädt dafür die Dateien des Chats und einen Zugangsschlüssel für ein Gespräch von Lotse. Lotse schreibt keine IP-Adressen in seine Protokolle; gegen Missbrauch zählt es nur eine Minute lang im Arbeitsspeicher, wie viele Anfragen von einer Adresse kommen.</p>`,
      },
      {
        heading: "Ihr Gespräch",
        body: html`<p>Sobald Sie eine Nachricht senden, speichert Lotse die Nachrichten des Gesprächs – Ihre und seine Antworten – in seiner Datenbank, damit das Gespräch nach dem Neuladen der Seite weitergeht und Sie die Antwort einer Lotsin oder eines Lotsen erreicht. <strong>Sie werden gelöscht, wenn im Gespräch ${n} Tage lang nichts geschieht.</strong></p>
<p>Lotse fragt im Gespräch nicht nach Ihrem Namen. Bitte geben Sie keine persönlichen Daten zu einem Einzelfall ein.</p>`,
      },
      {
        heading: "Rückmeldungen und unbeantwortete Fragen",
        body: html`<p>Wenn Sie eine Antwort bewerten (<em>Hilfreich</em> / <em>Nicht hilfreich</em>, auf Wunsch mit Kommentar) oder Lotse eine Frage nicht beantworten kann, speichert Lotse die Bewertung, den Kommentar und die Frage, um seine Wissensbasis zu verbessern – ohne Bezug zu Ihrem Gespräch; E-Mail-Adressen, Telefonnummern und ähnliche Angaben werden vorher entfernt. Diese Einträge löscht Lotse nicht automatisch.</p>`,
      },
      {
        heading: "Anfrage an eine Lotsin oder einen Lotsen – nur mit Ihrer Einwilligung",
        body: html`<p>Wenn Sie mit einem Menschen sprechen möchten, fragt Lotse Sie zuerst ausdrücklich, ob er Ihre Angaben dafür speichern darf. Nur wenn Sie zustimmen, legt er ein Ticket an: mit Ihrem Namen, Ihrer Organisation (freiwillig), Ihrer E-Mail-Adresse oder Telefonnummer, Ihrer Frage und dem bisherigen Gespräch. Es lesen die Lotsinnen und Lotsen im Haus der Integration${f.azureBot ? " – auch in ihrem Kanal in Microsoft Teams" : ""}.${f.webhook ? " Das Ticket wird außerdem an das Ticketsystem des Betreibers übermittelt." : ""} <strong>Das Ticket wird ${n} Tage nach seinem Abschluss gelöscht.</strong></p>
<p>Ohne Ihre Einwilligung wird nichts gespeichert; Lotse nennt Ihnen dann die öffentlichen Kontaktwege. Sie können Ihre Einwilligung jederzeit widerrufen – im Chat mit <em>Abbrechen</em>, solange Sie Ihre Angaben eingeben, danach bei der oben genannten Stelle.</p>`,
      },
      {
        heading: "In Ihrem Browser",
        body: html`<p>Der Chat legt im lokalen Speicher Ihres Browsers (localStorage) die Kennung des Gesprächs und einen Zugangsschlüssel ab, der nach kurzer Zeit abläuft. So geht das Gespräch nach dem Neuladen der Seite weiter. Beides wird nur an ${f.azureDirectLine ? "Lotse und den Direct-Line-Dienst von Microsoft" : "Lotse"} gesendet. Sie entfernen es, indem Sie die gespeicherten Websitedaten in Ihrem Browser löschen.</p>`,
      },
      {
        heading: "Keine Cookies, kein Tracking, keine Inhalte Dritter",
        body: html`<p>Lotse setzt keine Cookies, nutzt keine Analyse- oder Tracking-Dienste und lädt nichts von Dritten: Auch die Chat-Oberfläche (Microsoft Bot Framework Web Chat, Open Source) liefert Lotse selbst aus.${f.azureDirectLine ? " Die Nachrichten des Chats werden allerdings über den Direct-Line-Dienst von Microsoft (Azure Bot Service) übertragen." : ""}</p>
<p>Auf der Website eines Partners läuft der Chat in einem eigenen Fenster (iframe) direkt zwischen Ihrem Browser und Lotse; der Partner sieht Ihre Nachrichten nicht. Für die Website selbst gilt die Datenschutzerklärung des Partners.</p>${
          f.azureBot
            ? html`
<p>In Microsoft Teams übermittelt Microsoft Teams Ihre Nachrichten über den Microsoft Bot Framework an Lotse; dafür gelten zusätzlich die Datenschutzbestimmungen Ihrer Organisation für Microsoft Teams.</p>`
            : ""
        }`,
      },
      {
        heading: "Rechtsgrundlagen",
        body: html`<ul>
<li>Chat, Rückmeldungen und unbeantwortete Fragen: Art. 6 Abs. 1 lit. e DSGVO (Wahrnehmung einer Aufgabe im öffentlichen Interesse: Information über Beschäftigung, Ausbildung und Unterstützung Geflüchteter).</li>
<li>Ticket für eine Lotsin oder einen Lotsen: Art. 6 Abs. 1 lit. a DSGVO (Ihre Einwilligung), widerruflich mit Wirkung für die Zukunft (Art. 7 Abs. 3 DSGVO).</li>
</ul>`,
      },
      {
        heading: "Ihre Rechte",
        body: html`<p>Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21). Wenden Sie sich dafür an die oben genannte Stelle. Gespräche ohne Ticket speichert Lotse ohne Namen; einem Menschen zuordnen lassen sie sich nur über die Gesprächskennung in dessen Browser.</p>
<p>Sie können sich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO), in Nordrhein-Westfalen bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW).</p>`,
      },
    ],
  };
}

function english(f: PrivacyFacts): Notice {
  const n = f.retentionDays;
  const imprint = "see the operator's legal notice (Impressum)";
  return {
    title: "Privacy notice for Lotse",
    intro:
      "Lotse is the chatbot of the navigator team at Haus der Integration (Jobcenter Wuppertal). It answers general questions from employers, chambers, associations and volunteers about employing, training and supporting refugees. This notice says which data are processed, how long they are kept and what your rights are.",
    otherLanguage: html`<a href="/datenschutz?lang=de" hreflang="de" lang="de">Datenschutzhinweise auf Deutsch</a>`,
    languageNav: "Language",
    sections: [
      {
        heading: "Controller",
        body: html`<dl>
<dt>Operator</dt><dd>${f.operator.name}</dd>
<dt>Postal address</dt><dd>${f.operator.address || imprint}</dd>
<dt>E-mail</dt><dd>${f.operator.email ? mail(f.operator.email) : imprint}</dd>
<dt>Data protection officer</dt><dd>${f.operator.dpoEmail ? mail(f.operator.dpoEmail) : imprint}</dd>
</dl>`,
      },
      {
        heading: "Before you write anything",
        body: html`<p>As long as you only open the chat, Lotse stores nothing about you. Your browser loads the chat's files and an access token for a conversation from Lotse for this. Lotse writes no IP addresses to its logs; against abuse it only counts, in memory and for one minute, how many requests come from an address.</p>`,
      },
      {
        heading: "Your conversation",
        body: html`<p>Once you send a message, Lotse stores the conversation's messages – yours and its answers – in its database, so that the conversation continues after the page is reloaded and a navigator's reply can reach you. <strong>They are deleted when nothing has happened in the conversation for ${n} days.</strong></p>
<p>Lotse does not ask for your name in the conversation. Please do not enter personal details of an individual case.</p>`,
      },
      {
        heading: "Feedback and unanswered questions",
        body: html`<p>When you rate an answer (<em>Helpful</em> / <em>Not helpful</em>, optionally with a comment) or Lotse cannot answer a question, Lotse stores the rating, the comment and the question to improve its knowledge base – without any link to your conversation; e-mail addresses, phone numbers and similar details are removed first. Lotse does not delete these entries automatically.</p>`,
      },
      {
        heading: "Request to a navigator – only with your consent",
        body: html`<p>If you want to talk to a person, Lotse first asks you explicitly whether it may store your details for this. Only if you agree does it create a ticket: with your name, your organisation (optional), your e-mail address or phone number, your question and the conversation so far. It is read by the navigators at Haus der Integration${f.azureBot ? " – also in their channel in Microsoft Teams" : ""}.${f.webhook ? " The ticket is also passed on to the operator's ticket system." : ""} <strong>The ticket is deleted ${n} days after it was closed.</strong></p>
<p>Without your consent nothing is stored; Lotse then tells you the public ways to get in touch. You can withdraw your consent at any time – in the chat with <em>Cancel</em> while you are entering your details, afterwards with the office named above.</p>`,
      },
      {
        heading: "In your browser",
        body: html`<p>The chat keeps the conversation's id and an access token that expires after a short time in your browser's local storage (localStorage), so that the conversation continues after a reload. Both are only ever sent to ${f.azureDirectLine ? "Lotse and Microsoft's Direct Line service" : "Lotse"}. You remove them by deleting the stored site data in your browser.</p>`,
      },
      {
        heading: "No cookies, no tracking, no third-party content",
        body: html`<p>Lotse sets no cookies, uses no analytics or tracking services and loads nothing from third parties: even the chat interface (Microsoft Bot Framework Web Chat, open source) is served by Lotse itself.${f.azureDirectLine ? " The chat's messages are, however, transmitted through Microsoft's Direct Line service (Azure Bot Service)." : ""}</p>
<p>On a partner's website the chat runs in a frame of its own (iframe) directly between your browser and Lotse; the partner does not see your messages. The website itself is covered by the partner's privacy policy.</p>${
          f.azureBot
            ? html`
<p>In Microsoft Teams, Microsoft Teams passes your messages to Lotse through the Microsoft Bot Framework; your organisation's privacy terms for Microsoft Teams apply as well.</p>`
            : ""
        }`,
      },
      {
        heading: "Legal basis",
        body: html`<ul>
<li>Chat, feedback and unanswered questions: Art. 6(1)(e) GDPR (performance of a task carried out in the public interest: information about employing, training and supporting refugees).</li>
<li>Ticket for a navigator: Art. 6(1)(a) GDPR (your consent), which you can withdraw with effect for the future (Art. 7(3) GDPR).</li>
</ul>`,
      },
      {
        heading: "Your rights",
        body: html`<p>You have the right of access (Art. 15 GDPR), rectification (Art. 16), erasure (Art. 17), restriction of processing (Art. 18), data portability (Art. 20) and to object (Art. 21). Please contact the office named above. Conversations without a ticket are stored without names; they can only be linked to a person through the conversation id in that person's browser.</p>
<p>You can also lodge a complaint with a data protection supervisory authority (Art. 77 GDPR); in North Rhine-Westphalia this is the Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW, the state commissioner for data protection and freedom of information).</p>`,
      },
    ],
  };
}

/** Served as /datenschutz.css: the page's CSP allows no inline style. */
export const PRIVACY_CSS = `body{font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff;max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}
a{color:#004a82}a:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
h1{font-size:1.7rem;line-height:1.25;margin:1.5rem 0 1rem}h2{font-size:1.2rem;margin:2rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
@media (max-width:480px){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
.lang{text-align:end;margin:1rem 0}`;

export function renderPrivacyNotice(lang: PrivacyLang, facts: PrivacyFacts): string {
  return renderLegalPage(lang, lang === "de" ? german(facts) : english(facts));
}

/** One page shell and stylesheet (/datenschutz.css) for every legal page. */
export function renderLegalPage(lang: PrivacyLang, n: LegalPage): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${n.title}</title>
<link rel="stylesheet" href="/datenschutz.css">
</head>
<body>
<nav class="lang" aria-label="${n.languageNav}">${n.otherLanguage}</nav>
<main>
<h1>${n.title}</h1>
${n.intro === undefined ? "" : html`<p>${n.intro}</p>`}
${n.sections.map((s) => html`<section>
<h2>${s.heading}</h2>
${s.body}
</section>
`)}
</main>
</body>
</html>
`.value;
}
