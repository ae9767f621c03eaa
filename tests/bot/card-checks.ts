/**
 * Adaptive Card 1.5 as the official schema (adaptivecards.io, schemas/1.5.0) describes it, for
 * the elements and actions Lotse's cards use: strict objects, so a misspelt property, a
 * property of a later version or one on the wrong element (e.g. `rtl` on a TextBlock) fails
 * instead of being silently ignored by Teams or Web Chat. Plus what the JSON schema cannot
 * say: ids are unique and every toggle target exists. And what a user sees before expanding.
 */
import { z } from "zod";

/** Adaptive Card enums are case-insensitive ("Bolder" and "bolder"). */
const oneOf = (...values: string[]) =>
  z.string().refine((v) => values.some((x) => x.toLowerCase() === v.toLowerCase()), { message: `must be one of ${values.join(", ")}` });

const Spacing = oneOf("default", "none", "small", "medium", "large", "extraLarge", "padding");

/** Extendable.Element: what every element may carry. */
const element = {
  id: z.string().optional(),
  isVisible: z.boolean().optional(),
  separator: z.boolean().optional(),
  spacing: Spacing.optional(),
  height: oneOf("auto", "stretch").optional(),
  requires: z.record(z.string(), z.string()).optional(),
  fallback: z.union([z.literal("drop"), z.record(z.string(), z.unknown())]).optional(),
};

/** Extendable.Action: what every action may carry. */
const action = {
  title: z.string().optional(),
  iconUrl: z.string().optional(),
  id: z.string().optional(),
  style: oneOf("default", "positive", "destructive").optional(),
  fallback: z.union([z.literal("drop"), z.record(z.string(), z.unknown())]).optional(),
  tooltip: z.string().optional(),
  isEnabled: z.boolean().optional(),
  mode: oneOf("primary", "secondary").optional(),
  requires: z.record(z.string(), z.string()).optional(),
};

const input = { ...element, id: z.string().min(1), label: z.string().optional(), isRequired: z.boolean().optional(), errorMessage: z.string().optional() };

const TargetElement = z.union([
  z.string().min(1),
  z.strictObject({ type: z.literal("TargetElement").optional(), elementId: z.string().min(1), isVisible: z.boolean().nullable().optional() }),
]);

const Submit = z.strictObject({ ...action, type: z.literal("Action.Submit"), data: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(), associatedInputs: oneOf("auto", "none").optional() });
/** Universal Actions (1.4): an invoke to the bot; `fallback` is what clients without them run instead. */
const Execute: z.ZodType = z.lazy(() =>
  z.strictObject({
    ...action,
    type: z.literal("Action.Execute"),
    verb: z.string().optional(),
    data: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    associatedInputs: oneOf("auto", "none").optional(),
    fallback: z.union([z.literal("drop"), Action]).optional(),
  }),
);
const OpenUrl = z.strictObject({ ...action, type: z.literal("Action.OpenUrl"), url: z.string().min(1) });
const ToggleVisibility = z.strictObject({ ...action, type: z.literal("Action.ToggleVisibility"), targetElements: z.array(TargetElement).min(1) });
const ShowCard: z.ZodType = z.lazy(() => z.strictObject({ ...action, type: z.literal("Action.ShowCard"), card: cardSchema(false) }));
const Action: z.ZodType = z.lazy(() => z.union([Submit, OpenUrl, ToggleVisibility, ShowCard, Execute]));

const TextBlock = z.strictObject({
  ...element,
  type: z.literal("TextBlock"),
  text: z.string(),
  color: oneOf("default", "dark", "light", "accent", "good", "warning", "attention").optional(),
  fontType: oneOf("default", "monospace").optional(),
  horizontalAlignment: oneOf("left", "center", "right").optional(),
  isSubtle: z.boolean().optional(),
  maxLines: z.number().int().positive().optional(),
  size: oneOf("default", "small", "medium", "large", "extraLarge").optional(),
  weight: oneOf("default", "lighter", "bolder").optional(),
  wrap: z.boolean().optional(),
  style: oneOf("default", "heading").optional(),
});

const Element: z.ZodType = z.lazy(() =>
  z.union([
    TextBlock,
    z.strictObject({
      ...element,
      type: z.literal("Container"),
      items: z.array(Element),
      selectAction: z.union([Submit, OpenUrl, ToggleVisibility]).optional(),
      style: oneOf("default", "emphasis", "good", "attention", "warning", "accent").optional(),
      verticalContentAlignment: oneOf("top", "center", "bottom").optional(),
      bleed: z.boolean().optional(),
      minHeight: z.string().optional(),
      rtl: z.boolean().nullable().optional(),
    }),
    z.strictObject({ ...element, type: z.literal("ActionSet"), actions: z.array(Action) }),
    z.strictObject({ ...element, type: z.literal("FactSet"), facts: z.array(z.strictObject({ title: z.string(), value: z.string() })) }),
    z.strictObject({
      ...input,
      type: z.literal("Input.Text"),
      isMultiline: z.boolean().optional(),
      maxLength: z.number().int().positive().optional(),
      placeholder: z.string().optional(),
      regex: z.string().optional(),
      style: oneOf("text", "tel", "url", "email", "password").optional(),
      value: z.string().optional(),
    }),
    z.strictObject({
      ...input,
      type: z.literal("Input.ChoiceSet"),
      choices: z.array(z.strictObject({ title: z.string(), value: z.string() })),
      isMultiSelect: z.boolean().optional(),
      style: oneOf("compact", "expanded", "filtered").optional(),
      value: z.string().optional(),
      placeholder: z.string().optional(),
      wrap: z.boolean().optional(),
    }),
  ]),
);

function cardSchema(topLevel: boolean) {
  return z.strictObject({
    type: z.literal("AdaptiveCard"),
    // The top-level card names its version; a card inside Action.ShowCard need not.
    version: topLevel ? z.literal("1.5") : z.string().optional(),
    $schema: z.string().optional(),
    lang: z.string().optional(),
    rtl: z.boolean().nullable().optional(),
    speak: z.string().optional(),
    fallbackText: z.string().optional(),
    minHeight: z.string().optional(),
    verticalContentAlignment: oneOf("top", "center", "bottom").optional(),
    selectAction: z.union([Submit, OpenUrl, ToggleVisibility, Execute]).optional(),
    /** Universal Actions: the Action.Execute a client runs to fetch the card's current version (for `userIds`, max. 60). */
    refresh: z.strictObject({ action: Execute, userIds: z.array(z.string()).max(60).optional() }).optional(),
    body: z.array(Element).optional(),
    actions: z.array(Action).optional(),
  });
}

export const AdaptiveCard15 = cardSchema(true);

type Json = Record<string, any>;

function* nodes(el: Json): Generator<Json> {
  yield el;
  for (const key of ["body", "items", "actions"]) for (const child of (el[key] ?? []) as Json[]) yield* nodes(child);
  if (el.card) yield* nodes(el.card as Json);
}

/** Problems that make a card invalid or broken: schema errors, duplicate ids, toggles aiming at nothing. */
export function cardProblems(card: unknown): string[] {
  const parsed = AdaptiveCard15.safeParse(card);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  const all = [...nodes(card as Json)];
  const problems: string[] = [];
  const ids = all.filter((n) => typeof n.id === "string" && !String(n.type).startsWith("Action.")).map((n) => n.id as string);
  for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push(`id "${id}" is used twice`);
  for (const n of all.filter((x) => x.type === "Action.ToggleVisibility")) {
    for (const target of n.targetElements as Array<string | { elementId: string }>) {
      const id = typeof target === "string" ? target : target.elementId;
      if (!ids.includes(id)) problems.push(`toggle "${n.title}" targets "${id}", which is not in the card`);
    }
  }
  return problems;
}

export function elementById(card: Json, id: string): Json | undefined {
  return [...nodes(card)].find((n) => n.id === id && !String(n.type).startsWith("Action."));
}

/** TextBlock texts a user sees before expanding anything (hidden elements and ShowCards left out). */
export function visibleTexts(card: Json): string[] {
  const out: string[] = [];
  const walk = (el: Json) => {
    if (el.isVisible === false) return;
    if (el.type === "TextBlock") out.push(el.text as string);
    for (const key of ["body", "items"]) for (const child of (el[key] ?? []) as Json[]) walk(child);
  };
  walk(card);
  return out;
}

/** Buttons a user sees before expanding anything: ActionSets that are not hidden, then the card's actions. */
export function visibleButtons(card: Json): Json[] {
  const out: Json[] = [];
  const walk = (el: Json) => {
    if (el.isVisible === false) return;
    if (el.type === "ActionSet") out.push(...(el.actions as Json[]));
    for (const key of ["body", "items"]) for (const child of (el[key] ?? []) as Json[]) walk(child);
  };
  walk(card);
  return [...out, ...((card.actions ?? []) as Json[])];
}

/** TextBlock texts inside the element with this id (what the toggle shows). */
export function textsIn(card: Json, id: string): string[] {
  const el = elementById(card, id);
  return el ? [...nodes(el)].filter((n) => n.type === "TextBlock").map((n) => n.text as string) : [];
}
