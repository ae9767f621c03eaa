/** Small DOM helpers. Every text from the server goes into the page as text, never as HTML. */
import { errorText, SignInNeeded } from "./api.js";
import { formatDate, t, type MessageKey } from "./i18n.js";

export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`console: no element #${id}`);
  return el as T;
}

type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * An element with attributes (strings), properties (`.name`: for `value`, `checked` …) and
 * listeners (`onclick` …), and its children appended as nodes or text.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") node.addEventListener(name.replace(/^on/, ""), value);
    else if (name.startsWith(".")) (node as unknown as Record<string, unknown>)[name.slice(1)] = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

export function cell(row: HTMLTableRowElement, content: Node | string | null | undefined, className?: string): HTMLTableCellElement {
  const td = document.createElement("td");
  if (content instanceof Node) td.append(content);
  else td.textContent = content ?? "";
  if (className) td.className = className;
  row.append(td);
  return td;
}

/** A status as text in a pill: the colour repeats the text, it never replaces it. */
export function badge(kind: string, label: string): HTMLSpanElement {
  return el("span", { class: `badge ${kind}` }, label);
}

export function announce(text: string): void {
  $("status").textContent = text;
}

export function showError(text: string): void {
  const alert = $("alert");
  alert.textContent = text;
  alert.hidden = !text;
}

/** Shows what went wrong, worded from the locale; a missing sign-in shows the sign-in form instead. */
export function reportFailure(err: unknown): void {
  if (err instanceof SignInNeeded) return;
  if (err instanceof DOMException && err.name === "AbortError") return;
  showError(t("failed", { message: errorText(err) }));
}

export function metaRow(dl: HTMLElement, label: string, value: Node | string | null | undefined): void {
  if (value === null || value === undefined || value === "") return;
  dl.append(el("dt", {}, label), el("dd", {}, value));
}

export function time(iso: string | null | undefined): HTMLTimeElement | string {
  return iso ? el("time", { datetime: iso }, formatDate(iso)) : "";
}

/** Translates the static page: `data-i18n` (text), `data-i18n-aria-label`, `data-i18n-placeholder`. */
export function translatePage(): void {
  for (const node of document.querySelectorAll<HTMLElement>("[data-i18n]")) node.textContent = t(node.dataset.i18n as MessageKey);
  for (const node of document.querySelectorAll<HTMLElement>("[data-i18n-aria-label]")) node.setAttribute("aria-label", t(node.dataset.i18nAriaLabel as MessageKey));
  for (const node of document.querySelectorAll<HTMLElement>("[data-i18n-placeholder]")) node.setAttribute("placeholder", t(node.dataset.i18nPlaceholder as MessageKey));
  document.title = `Lotse – ${t("title")}`;
}
