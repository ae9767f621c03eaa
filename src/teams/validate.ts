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

/** Schema errors as "JSON-pointer message. Details: {…}"; empty when valid. */
export async function validateManifestSchema(manifest: Json): Promise<string[]> {
  const { AppManifestUtils } = (await import("@microsoft/app-manifest")) as typeof import("@microsoft/app-manifest");
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as never, schema("MicrosoftTeams.schema.json") as never);
  return errors.map(withPath);
}

/**
 * The localization schema has a pattern that is invalid under the `u` flag which
 * AppManifestUtils compiles with, so it cannot validate these files; the same draft-04 Ajv and
 * formats it uses (its own dependencies) do, with unicode regular expressions off.
 */
export function validateLocalizationSchema(file: Json): string[] {
  const local = createRequire(path.join(packageDir(), "package.json"));
  const AjvDraft04 = local("ajv-draft-04") as { default: new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: unknown }[] | null } } };
  const addFormats = local("ajv-formats") as { default: (ajv: unknown, formats: string[]) => void };
  const ajv = new AjvDraft04.default({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats.default(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(schema("MicrosoftTeams.Localization.schema.json"));
  if (validate(file)) return [];
  return (validate.errors ?? []).map((e) => withPath(`${e.instancePath} ${e.message ?? ""}. Details: ${JSON.stringify(e.params ?? {})}`));
}
