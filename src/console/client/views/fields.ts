/**
 * The editor's form controls, each registered under the draft path the server's problems name
 * ("de.summary", "sources[1].url"), so a problem appears beside its field: the control gets
 * aria-invalid and aria-describedby pointing at the message.
 */
import { el } from "../dom.js";

export interface Field {
  path: string;
  label: string;
  control: HTMLElement;
  error: HTMLElement;
  /** Ids the control is described by besides its error (a hint). */
  describedBy: string[];
}

export class FieldRegistry {
  private fields = new Map<string, Field>();

  clear(): void {
    this.fields.clear();
  }

  add(field: Field): void {
    this.fields.set(field.path, field);
  }

  remove(prefix: string): void {
    for (const path of [...this.fields.keys()]) if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) this.fields.delete(path);
  }

  /** The field a problem belongs to: its path, else the nearest enclosing path with a field ("en.questions[2]" → "en.questions"). */
  find(path: string): Field | undefined {
    for (let p = path; p; p = p.replace(/(\[\d+\]|\.[^.[\]]+)$/, "")) {
      const field = this.fields.get(p);
      if (field) return field;
      if (!/(\[\d+\]|\.[^.[\]]+)$/.test(p)) break;
    }
    return undefined;
  }

  all(): Field[] {
    return [...this.fields.values()];
  }
}

/** "sources[1].url" → "f-sources-1-url": a valid, stable element id. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-+$/, "")}`;
}

export interface ControlOptions {
  path: string;
  label: string;
  /** How the problem summary names the field when the label alone is ambiguous ("Englisch – Titel"). */
  name?: string;
  hint?: string;
  lang?: string;
  dir?: "rtl" | "ltr";
  required?: boolean;
}

/** A label, the control, an optional hint and the (empty) error line, wrapped in a div. */
export function wrapControl(registry: FieldRegistry, control: HTMLElement, options: ControlOptions): HTMLDivElement {
  const id = fieldId(options.path);
  control.id = id;
  control.dataset.path = options.path;
  if (options.lang) control.lang = options.lang;
  if (options.dir) control.dir = options.dir;
  if (options.required) control.setAttribute("aria-required", "true");
  const describedBy: string[] = [];
  const hint = options.hint ? el("p", { class: "hint", id: `${id}-hint` }, options.hint) : null;
  if (hint) describedBy.push(hint.id);
  const error = el("p", { class: "field-error", id: `${id}-error`, hidden: true });
  if (describedBy.length) control.setAttribute("aria-describedby", describedBy.join(" "));
  registry.add({ path: options.path, label: options.name ?? options.label, control, error, describedBy });
  return el("div", { class: "field" }, el("label", { for: id }, options.label), control, hint, error);
}

/** Lines of a textarea, trimmed, without empty ones. */
export function lines(value: string): string[] {
  return value
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}
