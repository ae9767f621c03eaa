/**
 * The review lifecycle of an article: when its next review is due, whether Lotse may still
 * answer with it, and which translations no longer follow the German text. Pure functions: the
 * clock comes in as `now`, so tests (and the console) can ask "what about next March?".
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { DecisionConfig } from "../config.js";
import type { Article } from "./schema.js";

/**
 * current: not due soon; soon: due within `reviewSoonDays` (or today); overdue: past due, still
 * answered with a visible "Stand … – bitte bei … prüfen" note; withheld: overdue for longer than
 * `reviewGraceDays`, not answered — Lotse refers to a navigator instead.
 */
export const REVIEW_STATES = ["current", "soon", "overdue", "withheld"] as const;
export const ReviewState = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof ReviewState>;

export type ReviewConfig = Pick<DecisionConfig, "reviewGraceDays" | "reviewSoonDays">;
export const DEFAULT_REVIEW_CONFIG: ReviewConfig = { reviewGraceDays: 90, reviewSoonDays: 30 };

export interface ReviewStatus {
  /** The day the next review is due (YYYY-MM-DD): `reviewed` plus `review_every_months`. */
  due: string;
  state: ReviewState;
  /** Days past `due` (0 when not overdue). */
  overdueDays: number;
  /** The first day the article is withheld when nobody reviews it (YYYY-MM-DD). */
  withheldFrom: string;
}

/** The blocks translated from the German text. */
export const TRANSLATED_BLOCKS = ["en", "uk", "ar"] as const;
export type TranslatedBlock = (typeof TRANSLATED_BLOCKS)[number];

const DAY_MS = 86_400_000;

/**
 * The calendar day of an instant, in UTC. Review dates are whole days; UTC keeps the day change
 * identical on every server (in Wuppertal it falls at 01:00 or 02:00 local time).
 */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `iso` plus whole months; the 31st of a month plus one month is the last day of a shorter one. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

export function reviewStatus(
  article: Pick<Article, "reviewed" | "review_every_months">,
  now: Date,
  config: ReviewConfig = DEFAULT_REVIEW_CONFIG,
): ReviewStatus {
  const due = addMonths(article.reviewed, article.review_every_months);
  const late = dayNumber(isoDay(now)) - dayNumber(due);
  const withheldFrom = fromDayNumber(dayNumber(due) + config.reviewGraceDays + 1);
  const state: ReviewState =
    late > config.reviewGraceDays ? "withheld" : late > 0 ? "overdue" : -late <= config.reviewSoonDays ? "soon" : "current";
  return { due, state, overdueDays: Math.max(0, late), withheldFrom };
}

type GermanText = { de: Pick<Article["de"], "title" | "summary" | "answer"> };

/** Whitespace and Unicode composition are formatting, not content: re-wrapping a paragraph changes nothing. */
function normalise(s: string): string {
  return s.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/**
 * First 12 hex characters of sha256 over the German title, summary and answer (normalised):
 * what a translation records as `source_hash` when it is made or checked.
 */
export function germanHash(article: GermanText): string {
  const text = [article.de.title, article.de.summary, article.de.answer].map(normalise).join("\u0000");
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 12);
}

type Translated = GermanText & { [L in TranslatedBlock]: { source_hash?: string | undefined } };

/** Translated blocks whose recorded German text differs from the German text now. */
export function staleTranslations(article: Translated): TranslatedBlock[] {
  const hash = germanHash(article);
  return TRANSLATED_BLOCKS.filter((lang) => {
    const recorded = article[lang]?.source_hash;
    return recorded !== undefined && recorded !== hash;
  });
}

/** Translated blocks that record no German text at all (written before source_hash, or by hand). */
export function unstampedTranslations(article: Translated): TranslatedBlock[] {
  return TRANSLATED_BLOCKS.filter((lang) => article[lang] && article[lang].source_hash === undefined);
}
