/**
 * The Teams search message extension: staff and HR people search the knowledge base from any
 * chat's compose box (`composeExtension/query`) and insert an article as a compact card that
 * links to the full answer (GET /artikel/:id). Plain data in, invoke response out — no SDK
 * types — so this module stays as it is when the bot moves from botbuilder to the Agents SDK.
 */
import { z } from "zod";
import { MAX_QUESTION_LENGTH, type AskAnswer, type KnowledgeEngine, type Language } from "../src/knowledge/index.js";
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from "./cards/adaptive.js";
import { reviewNote } from "./cards/answer-card.js";
import { toCardMarkdown, toPlainText } from "./cards/markdown.js";
import { DEFAULT_UI_LANGUAGE, hasContentIn, isRtl, translator, uiLanguageFromLocale, type Translate, type UiLanguage } from "./i18n.js";
import { formatDate } from "./language.js";

/** The invoke's name, and the command and parameter the Teams manifest declares (manifest/manifest.json). */
export const COMPOSE_QUERY_INVOKE = "composeExtension/query";
export const SEARCH_COMMAND_ID = "search";
export const SEARCH_PARAMETER = "query";
/** Teams sends this parameter (value "true") when the extension opens with `initialRun`. */
const INITIAL_RUN_PARAMETER = "initialRun";

/** Results per response; a search offers no more than these in all. */
export const MAX_RESULTS = 10;
/**
 * Teams refuses a message over about 28 KB and a message-extension response over about
 * 100 KB; a compact card is about 1 KB, so these bounds only ever stop a broken article.
 */
export const MAX_ATTACHMENT_BYTES = 20 * 1024;
export const MAX_RESPONSE_BYTES = 80 * 1024;
/** Below this confidence a candidate is noise ("wie spät ist es" finds articles at 0.04; a runner-up of "Duldung" that covers it fully, 0.14). */
const MIN_CONFIDENCE = 0.1;
/** Characters of the summary in the result list (Teams shows two lines). */
const PREVIEW_TEXT = 140;
/** Characters of the query repeated in the "nothing found" message. */
const QUOTED_QUERY = 60;

/**
 * The broadest articles, for the empty query when no votes are recorded yet (and after the
 * voted ones): who may work, how to hire and train, the money for it, language, recognition,
 * and who helps. Ids that do not exist (any more) are skipped.
 */
export const CURATED_POPULAR = [
  "arbeitsmarktzugang-uebersicht",
  "beschaeftigungserlaubnis-beantragen",
  "duldung-arbeit",
  "aufenthaltsgestattung-arbeit",
  "ukraine-schutz-24-arbeit",
  "arbeitgeber-pflichten-aufenthaltstitel",
  "ausbildung-beginnen",
  "eingliederungszuschuss",
  "job-turbo",
  "berufssprachkurse",
  "anerkennung-berufsabschluss",
  "arbeitgeber-service",
  "rechtskreise-zustaendigkeit",
  "lotsen-navigatoren",
] as const;

/** What the message extension reads of the knowledge engine. */
export type SearchKnowledge = Pick<KnowledgeEngine, "explain" | "render" | "article" | "articles">;
/** A fixed engine, or a live one (LiveKnowledge): its `current` engine is read once per query, so one answer never mixes two versions. */
export type ComposeKnowledge = SearchKnowledge & { readonly current?: SearchKnowledge };

/** What the host supplies besides the knowledge base. */
export interface ComposeSearchDeps {
  /** Article ids, most asked first (may be empty, may name unknown ids); asked only for an empty query. */
  popular(): Promise<readonly string[]> | readonly string[];
  /** Lotse's public base URL (PUBLIC_URL), without a trailing slash: the card links to `${publicUrl}/artikel/:id`. */
  publicUrl: string;
}

export interface ComposeQueryDeps extends ComposeSearchDeps {
  knowledge: ComposeKnowledge;
}

export interface ComposeQueryInput {
  /** The invoke activity's `value`, exactly as received. */
  value: unknown;
  /** The activity's `locale` (the Teams client's language). */
  locale?: string;
}

/** An invoke response as the Bot Framework and the Agents SDK expect it. */
export interface ComposeQueryResponse {
  status: number;
  body: object;
}

/** The invoke value Teams sends for a search command. */
export const ComposeQueryValue = z.looseObject({
  commandId: z.string().min(1).max(64),
  parameters: z
    .array(
      z.looseObject({
        name: z.string().min(1).max(64),
        value: z.string().max(MAX_QUESTION_LENGTH).default(""),
      }),
    )
    .max(10),
  queryOptions: z
    .looseObject({
      skip: z.number().int().min(0).max(10_000).default(0),
      count: z.number().int().min(1).max(100).default(25),
    })
    .default({ skip: 0, count: 25 }),
});
export type ComposeQueryValue = z.infer<typeof ComposeQueryValue>;

const ADAPTIVE = "application/vnd.microsoft.card.adaptive";
const THUMBNAIL = "application/vnd.microsoft.card.thumbnail";

export interface ComposeAttachment {
  contentType: typeof ADAPTIVE;
  content: AdaptiveCard;
  preview: { contentType: typeof THUMBNAIL; content: { title: string; subtitle: string; text: string } };
}

/**
 * Answers one `composeExtension/query` invoke. Never throws on input: a value that is not a
 * search of this extension gets a 400 whose body says what is wrong.
 */
export async function answerComposeQuery(input: ComposeQueryInput, deps: ComposeQueryDeps): Promise<ComposeQueryResponse> {
  const parsed = ComposeQueryValue.safeParse(input.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join(".") : "value"}: ${i.message}`);
    return { status: 400, body: { error: "invalid_compose_query", message: `not a message-extension query: ${issues.join("; ")}` } };
  }
  const { commandId, parameters, queryOptions } = parsed.data;
  if (commandId !== SEARCH_COMMAND_ID) {
    return { status: 400, body: { error: "unknown_command", message: `Lotse's message extension has no command ${JSON.stringify(commandId)} (only ${SEARCH_COMMAND_ID})` } };
  }

  const ui = uiLanguageFromLocale(input.locale) ?? DEFAULT_UI_LANGUAGE;
  const t = translator(ui);
  // Articles exist in German and English; Ukrainian and Arabic readers get English, as in the chat.
  const lang: Language = hasContentIn(ui) ? ui : "en";
  const query = (parameters.find((p) => p.name === SEARCH_PARAMETER)?.value ?? parameters.find((p) => p.name !== INITIAL_RUN_PARAMETER)?.value ?? "")
    .replace(/\s+/g, " ")
    .trim();

  const knowledge = deps.knowledge.current ?? deps.knowledge;
  const { skip, count } = queryOptions;
  const end = skip + Math.min(count, MAX_RESULTS);
  // A search offers its best 10 in all; the most asked list goes on as far as the page asks.
  const limit = query ? Math.min(end, MAX_RESULTS) : end;
  const answers: AskAnswer[] = [];
  for (const id of query ? searchIds(knowledge, query) : popularIds(knowledge, await deps.popular())) {
    if (answers.length >= limit) break;
    const answer = knowledge.render(id, lang);
    // An article overdue beyond the grace period is withheld everywhere, here too.
    if (answer && answer.review.state !== "withheld") answers.push(answer);
  }

  const page = answers.slice(skip, end);
  if (answers.length === 0) {
    const quoted = query.length > QUOTED_QUERY ? `${query.slice(0, QUOTED_QUERY - 1)}…` : query;
    return { status: 200, body: { composeExtension: { type: "message", text: query ? t("search.noResults", { query: quoted }) : t("search.empty") } } };
  }

  const attachments: ComposeAttachment[] = [];
  let bytes = 0;
  for (const answer of page) {
    const attachment = composeAttachment(answer, t, ui, `${deps.publicUrl}/artikel/${encodeURIComponent(answer.id)}?lang=${lang}`);
    const size = Buffer.byteLength(JSON.stringify(attachment));
    // Teams drops the whole response when one card is too large: leave that one out instead.
    if (size > MAX_ATTACHMENT_BYTES) continue;
    if (bytes + size > MAX_RESPONSE_BYTES) break;
    bytes += size;
    attachments.push(attachment);
  }
  // A page past the end is an empty list, not "nothing found": Teams asks for it when scrolling.
  return { status: 200, body: { composeExtension: { type: "result", attachmentLayout: "list", attachments } } };
}

/** The engine's ranking (not only its decision): every candidate it is reasonably sure of, best first. */
function searchIds(knowledge: SearchKnowledge, query: string): string[] {
  return knowledge
    .explain(query)
    .scored.filter((c) => c.confidence >= MIN_CONFIDENCE)
    .map((c) => c.id);
}

/** The most asked articles, then the curated broad ones, then every other article: scrolling reaches them all. */
function popularIds(knowledge: SearchKnowledge, popular: readonly string[]): string[] {
  const ids = [...popular, ...CURATED_POPULAR, ...knowledge.articles.map((a) => a.id)];
  return ids.filter((id, i) => ids.indexOf(id) === i && knowledge.article(id) !== undefined);
}

/** The card inserted into the chat (title, summary, Stand, a link) and its line in the result list. */
export function composeAttachment(answer: AskAnswer, t: Translate, ui: UiLanguage, url: string): ComposeAttachment {
  // The article is German or English: keep it left-to-right inside a right-to-left card.
  const article = (el: CardElement): CardElement => (isRtl(ui) ? { type: "Container", rtl: false, items: [el] } : el);
  const reviewed = t("answer.reviewed", { date: formatDate(answer.reviewed, ui) });
  const body: CardElement[] = [article(textBlock(answer.title, { size: "Medium", weight: "Bolder", style: "heading" }))];
  const overdue = reviewNote(answer, t, ui);
  if (overdue) body.push({ type: "Container", style: "warning", spacing: "Small", items: [textBlock(overdue, { weight: "Bolder", size: "Small" })] });
  body.push(
    article(textBlock(toCardMarkdown(answer.summary), { spacing: "Small" })),
    textBlock(reviewed, { isSubtle: true, size: "Small", spacing: "Small" }),
  );
  return {
    contentType: ADAPTIVE,
    content: adaptiveCard(ui, body, [{ type: "Action.OpenUrl", title: t("search.fullAnswer"), url }]),
    preview: { contentType: THUMBNAIL, content: { title: answer.title, subtitle: reviewed, text: shorten(toPlainText(answer.summary), PREVIEW_TEXT) } },
  };
}

/** Cut at a word boundary, with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/u, "")}…`;
}
