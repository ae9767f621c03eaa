/**
 * The terms of use at /nutzungsbedingungen (German, ?lang=en English): the Teams app's
 * termsOfUseUrl and a page for everyone else. Only what is true of every Lotse is said here;
 * who runs it and the office hours come from the running configuration, nothing is invented
 * (no liability clauses, no fees: those are the operator's to add).
 */
import type { Config } from "../config.js";
import { describeOfficeHours, parseOfficeHours } from "../handoff/office-hours.js";
import { html } from "./html.js";
import { renderLegalPage, type LegalPage, type PrivacyLang } from "./privacy-notice.js";

export interface TermsFacts {
  operator: Config["operator"];
  officeHours: Config["handoff"]["officeHours"];
  timeZone: Config["handoff"]["timeZone"];
}

export function termsFacts(config: Config): TermsFacts {
  return { operator: config.operator, officeHours: config.handoff.officeHours, timeZone: config.handoff.timeZone };
}

type Notice = LegalPage;

function german(f: TermsFacts): Notice {
  const hours = describeOfficeHours(parseOfficeHours(f.officeHours, f.timeZone), "de-DE");
  return {
    title: "Nutzungsbedingungen für Lotse",
    otherLanguage: html`<a href="/nutzungsbedingungen?lang=en" hreflang="en" lang="en">Terms of use in English</a>`,
    languageNav: "Sprache",
    sections: [
      {
        heading: "Wer Lotse betreibt",
        body: html`<p>Lotse ist der Chatbot des Lotsen-Teams im Haus der Integration (Jobcenter Wuppertal). Betreiber: ${f.operator.name}${f.operator.address ? `, ${f.operator.address}` : ""}.${f.operator.email ? html` E-Mail: <a href="mailto:${f.operator.email}">${f.operator.email}</a>.` : " Kontaktdaten: siehe Impressum des Betreibers."}</p>`,
      },
      {
        heading: "Was Lotse ist – und was nicht",
        body: html`<p>Lotse beantwortet allgemeine Fragen zu Beschäftigung, Ausbildung und Unterstützung Geflüchteter aus einer Wissensbasis, die das Lotsen-Team pflegt und prüft. Jede Antwort nennt ihren Stand.</p>
<p><strong>Die Antworten sind allgemeine Informationen, keine Rechtsberatung</strong> und keine Entscheidung oder Prüfung eines Einzelfalls. Ob etwas in einem bestimmten Fall gilt, entscheidet die jeweils zuständige Stelle. Rechtslage und Förderprogramme ändern sich; achten Sie auf den Stand der Antwort.</p>`,
      },
      {
        heading: "Persönliche Beratung",
        body: html`<p>Wenn Lotse nicht weiterhilft, können Sie im Chat eine Lotsin oder einen Lotsen um Rückmeldung bitten (<em>Mit einer Lotsin / einem Lotsen sprechen</em>). Das Lotsen-Team arbeitet ${hours}.</p>`,
      },
      {
        heading: "Bitte beachten Sie",
        body: html`<ul>
<li>Geben Sie keine persönlichen Daten zu einem Einzelfall ein (etwa Namen, Aktenzeichen oder Gesundheitsdaten einer anderen Person).</li>
<li>Lotse ist für Fragen von Menschen gedacht. Automatisierte Massenabfragen werden begrenzt.</li>
<li>Lotse kann zeitweise nicht erreichbar sein, etwa während einer Wartung.</li>
</ul>`,
      },
      {
        heading: "Datenschutz",
        body: html`<p>Welche Daten Lotse verarbeitet und wie lange, steht in den <a href="/datenschutz">Datenschutzhinweisen</a>.</p>`,
      },
    ],
  };
}

function english(f: TermsFacts): Notice {
  const hours = describeOfficeHours(parseOfficeHours(f.officeHours, f.timeZone), "en-GB");
  return {
    title: "Terms of use for Lotse",
    otherLanguage: html`<a href="/nutzungsbedingungen?lang=de" hreflang="de" lang="de">Nutzungsbedingungen auf Deutsch</a>`,
    languageNav: "Language",
    sections: [
      {
        heading: "Who runs Lotse",
        body: html`<p>Lotse is the chatbot of the navigator team at Haus der Integration (Jobcenter Wuppertal). Operator: ${f.operator.name}${f.operator.address ? `, ${f.operator.address}` : ""}.${f.operator.email ? html` E-mail: <a href="mailto:${f.operator.email}">${f.operator.email}</a>.` : " Contact details: see the operator's legal notice (Impressum)."}</p>`,
      },
      {
        heading: "What Lotse is – and what it is not",
        body: html`<p>Lotse answers general questions about employing, training and supporting refugees from a knowledge base that the navigator team maintains and reviews. Every answer states when it was last reviewed.</p>
<p><strong>The answers are general information, not legal advice</strong>, and neither a decision on nor an assessment of an individual case. Whether something applies in a particular case is decided by the authority responsible for it. Law and funding programmes change; check the date of the answer.</p>`,
      },
      {
        heading: "Personal advice",
        body: html`<p>If Lotse cannot help, you can ask a navigator to get back to you from the chat (<em>Talk to a navigator</em>). The navigator team works ${hours}.</p>`,
      },
      {
        heading: "Please note",
        body: html`<ul>
<li>Do not enter personal details of an individual case (such as another person's name, file number or health data).</li>
<li>Lotse is meant for questions from people. Automated bulk requests are limited.</li>
<li>Lotse may at times be unavailable, for example during maintenance.</li>
</ul>`,
      },
      {
        heading: "Privacy",
        body: html`<p>Which data Lotse processes and for how long is set out in the <a href="/datenschutz?lang=en">privacy notice</a>.</p>`,
      },
    ],
  };
}

/** The privacy notice's page shell and stylesheet: one look for both legal pages. */
export function renderTermsNotice(lang: PrivacyLang, facts: TermsFacts): string {
  return renderLegalPage(lang, lang === "de" ? german(facts) : english(facts));
}
