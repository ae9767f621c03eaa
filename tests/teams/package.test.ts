import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fillManifest, storedZip } from "../../src/teams/package.js";
import { ROOT, runScript } from "../helpers/run.js";

/** Reads the entries of a stored zip back, checking each CRC. */
function unzip(buf: Buffer): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  let at = 0;
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const crc = buf.readUInt32LE(at + 14);
    const size = buf.readUInt32LE(at + 18);
    const nameLen = buf.readUInt16LE(at + 26);
    const name = buf.subarray(at + 30, at + 30 + nameLen).toString("utf8");
    const data = buf.subarray(at + 30 + nameLen, at + 30 + nameLen + size);
    expect(crc32(data) >>> 0, name).toBe(crc);
    out[name] = data;
    at += 30 + nameLen + size;
  }
  expect(buf.readUInt32LE(buf.length - 22)).toBe(0x06054b50);
  return out;
}

const APP = "11111111-2222-3333-4444-555555555555";
const CLIENT = "66666666-7777-8888-9999-000000000000";

describe("Teams app package", () => {
  it("fills every placeholder of the bundled manifest", () => {
    const template = readFileSync(path.join(ROOT, "manifest/manifest.json"), "utf8");
    const manifest = JSON.parse(fillManifest(template, { HOST: "lotse.example.org", MICROSOFT_APP_ID: APP, ENTRA_CLIENT_ID: CLIENT, TEAMS_APP_ID: APP }));
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
    expect(manifest.bots[0]).toMatchObject({ botId: APP, scopes: ["personal", "team"] });
    expect(manifest.staticTabs[0].contentUrl).toBe("https://lotse.example.org/console?inTeams=1");
    // Teams shows it as the app's privacy policy: the notice at /datenschutz, not the endpoint list.
    expect(manifest.developer.privacyUrl).toBe("https://lotse.example.org/datenschutz");
    expect(manifest.webApplicationInfo).toEqual({ id: CLIENT, resource: `api://lotse.example.org/${CLIENT}` });
  });

  it("refuses a template with an unknown placeholder", () => {
    expect(() => fillManifest('{"x": "{{NOPE}}"}', { HOST: "h", MICROSOFT_APP_ID: "a", ENTRA_CLIENT_ID: "c", TEAMS_APP_ID: "t" })).toThrow(/no value for \{\{NOPE\}\}/);
  });

  it("writes a zip that holds the manifest and both icons", () => {
    const files = unzip(storedZip({ "a.txt": Buffer.from("hallo"), "b.bin": Buffer.from([0, 1, 2]) }));
    expect(files["a.txt"]!.toString()).toBe("hallo");
    expect([...files["b.bin"]!]).toEqual([0, 1, 2]);
  });

  it("packages from the command line and rejects bad arguments", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "lotse-teams-")), "app.zip");
    const ok = await runScript("teams-package.ts", ["--host", "lotse.example.org", "--app-id", APP, "--client-id", CLIENT, "--out", out]);
    expect(ok.code).toBe(0);
    const files = unzip(readFileSync(out));
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(JSON.parse(files["manifest.json"]!.toString()).bots[0].botId).toBe(APP);

    const bad = await runScript("teams-package.ts", ["--host", "https://x/y", "--app-id", "nope", "--client-id", CLIENT]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--host: must be a host name/);
    expect(bad.stderr).toMatch(/--app-id: must be a GUID/);
  });
});
