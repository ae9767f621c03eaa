/**
 * The Teams app id must never change: Teams knows an app by it, so a package with a new id is
 * a second app beside the first, not an update. Given (--teams-app-id, TEAMS_APP_ID) or kept in
 * DATA_DIR/teams-app-id, created there by the first run that writes a package.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const APP_ID_FILE = "teams-app-id";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TeamsAppId {
  id: string;
  /** Where it came from; "generated" means it was just created and stored in `file`. */
  origin: "argument" | "config" | "stored" | "generated";
  file: string;
  /** Set when the given id differs from the stored one (the file is left as it is). */
  differsFromStored?: string;
  /** Not yet in `file`: keep it there with `keepTeamsAppId` once the package is written. */
  unstored: boolean;
}

export class StoredIdError extends Error {}

function readStored(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StoredIdError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const id = text.trim();
  if (!GUID.test(id)) throw new StoredIdError(`${file}: must hold the Teams app id (a GUID); delete it to create a new one, or pass --teams-app-id`);
  return id.toLowerCase();
}

/** Stores the id for the next runs; "wx": never overwrites an id that appeared meanwhile. */
export function keepTeamsAppId(appId: TeamsAppId): void {
  if (!appId.unstored) return;
  mkdirSync(path.dirname(appId.file), { recursive: true });
  writeFileSync(appId.file, `${appId.id}\n`, { flag: "wx" });
}

export function resolveTeamsAppId(options: { argument?: string; config?: string; dataDir: string }): TeamsAppId {
  const file = path.join(options.dataDir, APP_ID_FILE);
  const stored = readStored(file);
  const given = options.argument ?? options.config;
  if (given) {
    const id = given.toLowerCase();
    const origin = options.argument ? "argument" : "config";
    if (stored === undefined) return { id, origin, file, unstored: true };
    return stored === id ? { id, origin, file, unstored: false } : { id, origin, file, differsFromStored: stored, unstored: false };
  }
  if (stored) return { id: stored, origin: "stored", file, unstored: false };
  return { id: randomUUID(), origin: "generated", file, unstored: true };
}
