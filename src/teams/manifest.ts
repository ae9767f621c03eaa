/**
 * The Teams app manifest as Lotse builds it: the template in manifest/ with its {{PLACEHOLDERS}}
 * filled, and the checks the JSON schema cannot make — every URL's host is a valid domain, and
 * the English file translates every string a user sees (and nothing that is not there).
 */
import { z } from "zod";

/** The manifest schema validated against: the newest 1.2x that @microsoft/app-manifest ships. */
export const TEAMS_MANIFEST_VERSION = "1.29";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = z.string().regex(GUID, "must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");

/** A DNS name with an optional port: what validDomains and https://HOST/… need. */
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
export const Host = z
  .string()
  .min(1, "must not be empty")
  .max(253, "must be at most 253 characters")
  .superRefine((value, ctx) => {
    // Named cases first: these are the mistakes people make when copying a URL.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return void ctx.addIssue({ code: "custom", message: "must be the host name only, without https:// (e.g. lotse.example.org)" });
    if (/[/?#]/.test(value)) return void ctx.addIssue({ code: "custom", message: "must be the host name only, without a path (e.g. lotse.example.org)" });
    const [name = "", port, ...rest] = value.split(":");
    const portOk = port === undefined || (/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535);
    if (rest.length || !portOk || !name.split(".").every((l) => HOST_LABEL.test(l))) {
      ctx.addIssue({ code: "custom", message: "must be a host name such as lotse.example.org (letters, digits, hyphens and dots; optionally :port)" });
    }
  })
  .transform((h) => h.toLowerCase());

/** major.minor.patch, as Teams requires; raise it for every re-upload of a changed package. */
export const AppVersion = z
  .string()
  .max(64, "must be at most 64 characters")
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, "must be a version such as 1.4.0 (major.minor.patch)");

/** The values that fill the template's placeholders. */
export const ManifestValues = z.strictObject({
  HOST: Host,
  BOT_APP_ID: guid,
  ENTRA_CLIENT_ID: guid,
  TEAMS_APP_ID: guid,
  APP_VERSION: AppVersion,
  /** Teams shows it as the publisher; the manifest allows 32 characters. */
  DEVELOPER_NAME: z.string().trim().min(1, "must not be empty").max(32, "must be at most 32 characters (Teams' limit for developer.name)"),
});
export type ManifestValues = z.infer<typeof ManifestValues>;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Fills {{NAME}} in every string of a parsed template. Working on parsed JSON (not on its text)
 * means no value can break out of its string, whatever it contains.
 */
export function fillTemplate(template: Json, values: Record<string, string>): Json {
  if (typeof template === "string") {
    return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
      const v = values[name];
      if (v === undefined) throw new Error(`no value for ${whole}`);
      return v;
    });
  }
  if (Array.isArray(template)) return template.map((t) => fillTemplate(t, values));
  if (template && typeof template === "object") return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillTemplate(v, values)]));
  return template;
}

/** Every string value with its JSON pointer (/a/0/b). */
export function stringsOf(value: Json, pointer = ""): { pointer: string; value: string }[] {
  if (typeof value === "string") return [{ pointer, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, `${pointer}/${i}`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringsOf(v, `${pointer}/${k}`));
  return [];
}

/** Host (with port, lower case) of every http(s) URL in the manifest, by JSON pointer. */
export function urlHosts(manifest: Json): { pointer: string; url: string; host: string }[] {
  const out: { pointer: string; url: string; host: string }[] = [];
  for (const { pointer, value } of stringsOf(manifest)) {
    if (pointer === "/$schema" || !/^https?:\/\//i.test(value)) continue;
    let host = "";
    try {
      host = new URL(value).host.toLowerCase();
    } catch {
      host = "";
    }
    out.push({ pointer, url: value, host });
  }
  return out;
}

/** validDomains must cover every URL Teams loads or links to (an entry may be *.example.org). */
export function checkValidDomains(manifest: Json): string[] {
  const domains = ((manifest as { validDomains?: unknown }).validDomains ?? []) as unknown[];
  const patterns = domains.filter((d): d is string => typeof d === "string").map((d) => d.toLowerCase());
  const covered = (host: string) => patterns.some((p) => p === host || (p.startsWith("*.") && host.endsWith(p.slice(1))));
  return urlHosts(manifest)
    .filter((u) => !u.host || !covered(u.host))
    .map((u) => (u.host ? `${u.pointer} ${u.host} is not in validDomains` : `${u.pointer} is not a valid URL`));
}

/** Reads a localization key such as bots[0].commandLists[1].commands[0].title in the manifest. */
function lookup(manifest: Json, key: string): Json | undefined {
  let node: Json | undefined = manifest;
  for (const part of key.split(/\.|(?=\[)/)) {
    if (node === undefined || node === null || typeof node !== "object") return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    node = index ? (Array.isArray(node) ? node[Number(index[1])] : undefined) : Array.isArray(node) ? undefined : node[part];
  }
  return node;
}

/** The strings of this manifest a user reads, as localization keys. */
export function localizableKeys(manifest: Json): string[] {
  // Walks whatever manifest it is given (the schema check is separate): loose on purpose.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const m = manifest as Record<string, any>;
  const keys = ["name.short", "description.short", "description.full"];
  if (m.name?.full) keys.push("name.full");
  (m.staticTabs ?? []).forEach((t: any, i: number) => t.name && keys.push(`staticTabs[${i}].name`));
  (m.bots ?? []).forEach((b: any, bi: number) =>
    (b.commandLists ?? []).forEach((l: any, li: number) =>
      (l.commands ?? []).forEach((c: any, ci: number) => {
        for (const f of ["title", "description"]) if (c[f]) keys.push(`bots[${bi}].commandLists[${li}].commands[${ci}].${f}`);
      }),
    ),
  );
  (m.composeExtensions ?? []).forEach((e: any, ei: number) =>
    (e.commands ?? []).forEach((c: any, ci: number) => {
      for (const f of ["title", "description"]) if (c[f]) keys.push(`composeExtensions[${ei}].commands[${ci}].${f}`);
      (c.parameters ?? []).forEach((p: any, pi: number) => {
        for (const f of ["title", "description"]) if (p[f]) keys.push(`composeExtensions[${ei}].commands[${ci}].parameters[${pi}].${f}`);
      });
    }),
  );
  /* eslint-enable @typescript-eslint/no-explicit-any */
  return keys;
}

/**
 * A language file must translate what the manifest shows and nothing else: a key pointing at
 * nothing is silently ignored by Teams, a missing one leaves a German string in the English app.
 */
export function checkLocalization(manifest: Json, file: Json): string[] {
  const entries = Object.entries((file ?? {}) as Record<string, Json>).filter(([k]) => k !== "$schema" && k !== "localizationKeys");
  const errors: string[] = [];
  for (const [key] of entries) {
    if (typeof lookup(manifest, key) !== "string") errors.push(`/${key} translates nothing: the manifest has no string there`);
  }
  const present = new Set(entries.map(([k]) => k));
  for (const key of localizableKeys(manifest)) if (!present.has(key)) errors.push(`/${key} is missing (the manifest shows it)`);
  return errors;
}
