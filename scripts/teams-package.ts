/**
 * `npm run teams:package -- [--host lotse.example.org] [--app-id BOT_APP_ID] [--client-id ENTRA_CLIENT_ID] [--teams-app-id GUID] [--app-version X.Y.Z] [--out FILE]`
 * Fills manifest/manifest.json, validates it offline against the Teams schema and zips it with
 * the icons and the English strings: the file to upload in Teams ("Apps → Manage your apps →
 * Upload an app") or in the Teams admin center.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { EXIT, Failure, processIo, runCommand, runIfMain, UsageError, type Io } from "../src/cli/command.js";
import { loadConfig } from "../src/config.js";
import { keepTeamsAppId, resolveTeamsAppId, StoredIdError } from "../src/teams/app-id.js";
import { AppVersion, Host, ManifestValues, TEAMS_MANIFEST_VERSION } from "../src/teams/manifest.js";
import { buildTeamsPackage } from "../src/teams/package.js";
import { validatorVersion } from "../src/teams/validate.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const DEFAULT_OUT = "dist/lotse-teams-app.zip";

const USAGE = `usage: npm run teams:package -- --host HOST [options]

Builds the Teams app package (manifest ${TEAMS_MANIFEST_VERSION}, validated offline before anything is written).

  --host HOST            Lotse's public host name, e.g. lotse.example.org (no https://, no path;
                         default: the host of PUBLIC_URL when that is https://HOST)
  --app-id GUID          the bot's app (client) id (default: clientId, or MicrosoftAppId)
  --client-id GUID       the console's Entra app registration (default: ENTRA_CLIENT_ID)
  --teams-app-id GUID    the Teams app id (default: TEAMS_APP_ID, else the one kept in
                         DATA_DIR/teams-app-id, created on the first run); keep it, so that
                         uploading a new package updates the app instead of adding a second one
  --app-version X.Y.Z    the app's version (default: package.json's); raise it for every re-upload
  --out FILE             where to write the zip (default: ${DEFAULT_OUT})
  -h, --help             this text

Exit codes: 0 written; 1 the package fails validation (nothing written); 2 bad usage or configuration.
`;

const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
const Args = z.strictObject({
  host: Host.optional(),
  "app-id": Guid.optional(),
  "client-id": Guid.optional(),
  "teams-app-id": Guid.optional(),
  "app-version": AppVersion.optional(),
  out: z.string().min(1, "must not be empty").max(4096, "must be at most 4096 characters").optional(),
});

const COMMAND = {
  name: "teams:package",
  usage: USAGE,
  options: {
    host: { type: "string" },
    "app-id": { type: "string" },
    "client-id": { type: "string" },
    "teams-app-id": { type: "string" },
    "app-version": { type: "string" },
    out: { type: "string" },
  },
  schema: Args,
} as const;

/** PUBLIC_URL's host when Lotse is served at the root of an https origin, as Teams needs. */
function hostOfPublicUrl(publicUrl: string): string | undefined {
  if (!publicUrl) return undefined;
  const url = new URL(publicUrl);
  return url.protocol === "https:" && url.pathname === "/" ? url.host : undefined;
}

export interface MainOptions {
  /** The template folder; tests point it at a broken copy. */
  manifestDir?: string;
}

/** Exit codes: 0 written (or --help), 1 the package fails validation, 2 bad arguments or configuration. */
export function main(argv: string[], io: Io = processIo(), options: MainOptions = {}): Promise<number> {
  return runCommand(COMMAND, argv, io, (args) => build(args, io, options.manifestDir ?? path.join(ROOT, "manifest")));
}

async function build(args: z.output<typeof Args>, io: Io, manifestDir: string): Promise<number> {
  const out = (line: string) => io.stdout(`${line}\n`);
  const err = (line: string) => io.stderr(`${line}\n`);
  const config = loadConfig(io.env);
  const missing: string[] = [];
  const host = args.host ?? hostOfPublicUrl(config.publicUrl);
  if (!host) missing.push("--host: is required (or set PUBLIC_URL to https://HOST): Lotse's public host name, e.g. lotse.example.org");
  const botAppId = args["app-id"] ?? (config.bot.clientId || undefined);
  const clientId = args["client-id"] ?? (config.entra.clientId || undefined);
  if (!botAppId) missing.push("--app-id: is required (or set MicrosoftAppId): the bot's Microsoft App ID");
  if (!clientId) missing.push("--client-id: is required (or set ENTRA_CLIENT_ID): the console's Entra app registration");
  if (missing.length) throw new UsageError(missing.join("\n"));

  const pkgVersion = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  const filled = ManifestValues.omit({ TEAMS_APP_ID: true }).safeParse({
    HOST: host,
    BOT_APP_ID: botAppId,
    ENTRA_CLIENT_ID: clientId,
    APP_VERSION: args["app-version"] ?? pkgVersion,
    DEVELOPER_NAME: config.operator.name,
  });
  if (!filled.success) {
    // Only values from the configuration can fail here (arguments were checked above).
    const names: Record<string, string> = { HOST: "PUBLIC_URL", BOT_APP_ID: "MicrosoftAppId", ENTRA_CLIENT_ID: "ENTRA_CLIENT_ID", DEVELOPER_NAME: "OPERATOR_NAME", APP_VERSION: "package.json version" };
    throw new UsageError(filled.error.issues.map((i) => `${names[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join("\n"));
  }

  const outFile = path.resolve(args.out ?? DEFAULT_OUT);
  if (existsSync(outFile) && statSync(outFile).isDirectory()) throw new UsageError(`--out: ${outFile} is a folder; give a file name such as ${path.join(outFile, "lotse-teams-app.zip")}`);

  let appId;
  try {
    appId = resolveTeamsAppId({ argument: args["teams-app-id"], config: config.teamsApp.id, dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof StoredIdError) throw new UsageError(e.message);
    throw e;
  }

  const result = await buildTeamsPackage(manifestDir, { ...filled.data, TEAMS_APP_ID: appId.id });
  if (!result.ok) throw new Failure([`the package is not valid (Teams manifest schema ${TEAMS_MANIFEST_VERSION}); nothing written:`, ...result.errors.map((e) => `  ${e}`)].join("\n"));
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, result.zip);
  keepTeamsAppId(appId);

  if (appId.origin === "generated") {
    const rule = "=".repeat(72);
    out(`${rule}\n  NEW TEAMS APP ID: ${appId.id}\n  Kept in ${appId.file}; later runs use it again.\n  Keep it (or set TEAMS_APP_ID=${appId.id}): a package with another id\n  is a second app in Teams, not an update of this one.\n${rule}`);
  } else if (appId.differsFromStored) {
    err(`teams:package: note: ${appId.file} holds ${appId.differsFromStored}; this package uses ${appId.id} (from ${appId.origin === "argument" ? "--teams-app-id" : "TEAMS_APP_ID"}), which Teams treats as a different app. The file is unchanged.`);
  }
  const publicHost = config.publicUrl ? new URL(config.publicUrl).host : undefined;
  if (publicHost && publicHost !== filled.data.HOST) {
    err(`teams:package: note: PUBLIC_URL is on ${publicHost}, the package on ${filled.data.HOST}; the article links on search results point to PUBLIC_URL.`);
  }
  out(`teams:package: wrote ${outFile} (${result.zip.length} bytes: ${result.files.join(", ")})`);
  out(`  Teams app id ${appId.id} (${appId.origin === "generated" ? "new" : appId.origin === "stored" ? `from ${appId.file}` : appId.origin === "argument" ? "--teams-app-id" : "TEAMS_APP_ID"}), version ${filled.data.APP_VERSION}, host ${filled.data.HOST}`);
  out(`  valid against the Teams manifest schema ${TEAMS_MANIFEST_VERSION} (from @microsoft/app-manifest ${validatorVersion()})`);
  return EXIT.ok;
}

runIfMain(import.meta, main);
