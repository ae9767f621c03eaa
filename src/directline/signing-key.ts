/** The key that signs Direct Line tokens: configured, or created once beside the database. */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SIGNING_KEY_FILE = "directline-signing.key";

export function loadSigningKey(dataDir: string, configured?: string): Uint8Array {
  if (configured) return new TextEncoder().encode(configured);
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  try {
    const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
    if (key.length >= 32) return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  // "wx": of two processes starting at once, the second reads what the first wrote.
  try {
    writeFileSync(file, key.toString("base64url"), { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  }
}
