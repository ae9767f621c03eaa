/**
 * Offline validation against the Teams JSON schemas that @microsoft/app-manifest ships (a dev
 * dependency: packaging is an admin task, the server never loads this). Nothing is fetched.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Json } from "./manifest.js";
import { TEAMS_MANIFEST_VERSION } from "./manifest.js";

const require = createRequire(import.meta.url);

function packageDir(): string {
  try {
    return path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
  } catch {
    throw new Error("@microsoft/app-manifest is not installed (it is a dev dependency: run npm install without --omit=dev)");
  }
}

function schema(file: string): Record<string, unknown> {
  const full = path.join(packageDir(), "build/json-schemas/teams", `v${TEAMS_MANIFEST_VERSION}`, file);
  // The package reads its own schemas the same way: two escapes JSON.parse does not know.
  return JSON.parse(readFileSync(full, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b")) as Record<string, unknown>;
}

/** The version of @microsoft/app-manifest whose schemas are used. */
export function validatorVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageDir(), "package.json"), "utf8")) as { version: string }).version;
}

/** Its messages start with the instance path, empty for the root; show the root as "/". */
const withPath = (message: string) => (message.startsWith(" ") ? `/${message}` : message);

interface AjvError { instancePath: string; message?: string; params?: unknown }
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
type AjvClass = new (options: object) => { compile(schema: object): Validator };

/**
 * Compiled validators by schema file. Compiling the Teams schema takes most of a second and
 * AppManifestUtils.validateAgainstSchema does it on every call; the schemas never change while
 * the process runs, so each is compiled once.
 */
const validators = new Map<string, Validator>();

/**
 * The validator AppManifestUtils.validateAgainstSchema builds (@microsoft/app-manifest 1.1):
 * its own Ajv — 2020-12 or draft-04 by the schema's $schema — with allErrors, strictTypes off
 * and the uri, email and regex formats. `unicodeRegExp: false` only for the localization schema,
 * whose pattern is invalid under the `u` flag.
 */
function validator(file: string, extra: object = {}): Validator {
  let validate = validators.get(file);
  if (!validate) {
    const local = createRequire(path.join(packageDir(), "package.json"));
    const compiled = schema(file);
    const modern = typeof compiled.$schema === "string" && compiled.$schema.includes("2020-12");
    const Ajv = (local(modern ? "ajv/dist/2020" : "ajv-draft-04") as { default: AjvClass }).default;
    const addFormats = local("ajv-formats") as { default: (ajv: unknown, formats: string[]) => void };
    const ajv = new Ajv({ allErrors: true, strictTypes: false, ...extra });
    addFormats.default(ajv, ["uri", "email", "regex"]);
    validate = ajv.compile(compiled);
    validators.set(file, validate);
  }
  return validate;
}

/** Schema errors as "JSON-pointer message. Details: {…}", in AppManifestUtils' wording; empty when valid. */
function check(validate: Validator, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => withPath(`${e.instancePath} ${e.message || ""}. Details: ${e.params ? JSON.stringify(e.params) : ""}`));
}

/** Schema errors as "JSON-pointer message. Details: {…}"; empty when valid. */
export async function validateManifestSchema(manifest: Json): Promise<string[]> {
  // As AppManifestUtils does: a JSON round trip, so keys holding undefined are not counted.
  return check(validator("MicrosoftTeams.schema.json"), JSON.parse(JSON.stringify(manifest)));
}

/**
 * The localization schema has a pattern that is invalid under the `u` flag which
 * AppManifestUtils compiles with, so it cannot validate these files; the same Ajv and formats
 * it uses (its own dependencies) do, with unicode regular expressions off.
 */
export function validateLocalizationSchema(file: Json): string[] {
  return check(validator("MicrosoftTeams.Localization.schema.json", { unicodeRegExp: false }), file);
}
