/**
 * `npm run teams:package -- --host lotse.example.org --app-id BOT_APP_ID --client-id ENTRA_CLIENT_ID [--teams-app-id UUID] [--out FILE]`
 * Fills manifest/manifest.json and zips it with the icons: the file to upload in Teams
 * ("Apps → Manage your apps → Upload an app") or in the Teams admin center.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { buildTeamsPackage } from "../src/teams/package.js";

const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
const Args = z.strictObject({
  host: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, "must be a host name such as lotse.example.org (no https://, no path)"),
  "app-id": Guid,
  "client-id": Guid,
  "teams-app-id": Guid.optional(),
  out: z.string().min(1).default("lotse-teams-app.zip"),
});
const USAGE = "usage: npm run teams:package -- --host HOST --app-id BOT_APP_ID --client-id ENTRA_CLIENT_ID [--teams-app-id GUID] [--out FILE]";

function main(argv: string[]): number {
  let values;
  try {
    values = parseArgs({ args: argv, strict: true, options: { host: { type: "string" }, "app-id": { type: "string" }, "client-id": { type: "string" }, "teams-app-id": { type: "string" }, out: { type: "string" } } }).values;
  } catch (err) {
    console.error(`teams:package: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const args = Args.safeParse(values);
  if (!args.success) {
    console.error(`teams:package: ${args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}\n${USAGE}`);
    return 2;
  }
  const dir = path.resolve(import.meta.dirname, "../manifest");
  const zip = buildTeamsPackage({
    manifest: readFileSync(path.join(dir, "manifest.json"), "utf8"),
    icons: { "color.png": readFileSync(path.join(dir, "color.png")), "outline.png": readFileSync(path.join(dir, "outline.png")) },
    values: {
      HOST: args.data.host, MICROSOFT_APP_ID: args.data["app-id"], ENTRA_CLIENT_ID: args.data["client-id"],
      TEAMS_APP_ID: args.data["teams-app-id"] ?? randomUUID(),
    },
  });
  writeFileSync(args.data.out, zip);
  console.log(`teams:package: wrote ${args.data.out} (${zip.length} bytes)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
