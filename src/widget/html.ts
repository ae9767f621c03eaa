/**
 * HTML built on the server: every interpolated value is escaped unless it is itself built with
 * `html`, so a query parameter or a configured name can never become markup.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Markup that is already safe: made by `html` or `jsonScript`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ""), ""));
}

/**
 * Data for the page's script in a `<script type="application/json">` block, which no CSP
 * blocks because it never runs. `<` is escaped so no value can close the block early.
 */
export function jsonScript(id: string, value: unknown): SafeHtml {
  const json = JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return new SafeHtml(`<script type="application/json" id="${escapeHtml(id)}">${json}</script>`);
}

/**
 * Fills `{{name}}` in a page template read from disk. Strings are escaped, SafeHtml is not; a
 * placeholder without a value is a programming error and throws, like a value nobody uses.
 */
export function fillTemplate(template: string, values: Record<string, HtmlValue>): string {
  const used = new Set<string>();
  const out = template.replace(/\{\{([a-zA-Z]+)\}\}/g, (whole, name: string) => {
    if (!(name in values)) throw new Error(`widget: no value for ${whole} in the page template`);
    used.add(name);
    return render(values[name]!);
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length) throw new Error(`widget: the page template has no {{${unused.join("}}, {{")}}}`);
  return out;
}
