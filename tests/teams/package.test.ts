import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from "../../bot/message-extension.js";
import { recogniseCommand } from "../../bot/recognise.js";
import { main } from "../../scripts/teams-package.js";
import { storedZip } from "../../src/teams/package.js";
import { validateLocalizationSchema, validateManifestSchema } from "../../src/teams/validate.js";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";
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
const TEAMS = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const HUGE = "a".repeat(10 * 1024);

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), "lotse-teams-"));
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
  dataDir: string;
}

/** The CLI in-process, as a user calls it; a fresh DATA_DIR and --out unless given. */
async function run(args: string[], env: Record<string, string> = {}, manifestDir?: string): Promise<Run> {
  const dir = tmp();
  const out = path.join(dir, "out", "app.zip");
  const dataDir = env.DATA_DIR ?? path.join(dir, "data");
  let stdout = "";
  let stderr = "";
  const argv = args.includes("--out") ? args : [...args, "--out", out];
  const code = await main(argv, {
    env: { LOG_LEVEL: "silent", DATA_DIR: dataDir, ...env },
    manifestDir,
    stdout: (l) => (stdout += `${l}\n`),
    stderr: (l) => (stderr += `${l}\n`),
  });
  return { code, stdout, stderr, out: argv[argv.indexOf("--out") + 1]!, dataDir };
}

const GOOD = ["--host", "lotse.example.org", "--app-id", APP, "--client-id", CLIENT];

describe("npm run teams:package: a valid package", () => {
  let files: Record<string, Buffer>;
  let manifest: Record<string, any>;
  let english: Record<string, string>;
  let lotse: Lotse;

  beforeAll(async () => {
    const r = await run([...GOOD, "--teams-app-id", TEAMS]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    files = unzip(readFileSync(r.out));
    manifest = JSON.parse(files["manifest.json"]!.toString("utf8"));
    english = JSON.parse(files["en-US.json"]!.toString("utf8"));
    lotse = await startLotse(tempDataDir());
  });
  afterAll(() => lotse?.close());

  it("holds the manifest, both icons and the English strings, valid against the Teams schema 1.29", async () => {
    expect(Object.keys(files).sort()).toEqual(["color.png", "en-US.json", "manifest.json", "outline.png"]);
    expect(manifest.manifestVersion).toBe("1.29");
    expect(manifest.$schema).toBe("https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json");
    expect(await validateManifestSchema(manifest)).toEqual([]);
    expect(validateLocalizationSchema(english)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
    expect(manifest.id).toBe(TEAMS);
    expect(manifest.version).toBe(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
    expect(manifest.developer.name).toBe("Jobcenter Wuppertal AöR");
  });

  it("has the bot in personal, team and group chats with commands the bot understands, in German and English", () => {
    const bot = manifest.bots[0];
    expect(bot.botId).toBe(APP);
    expect(bot.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(bot.commandLists.map((l: any) => l.scopes)).toEqual([["personal"], ["team"], ["groupChat"]]);
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: "de-DE", additionalLanguages: [{ languageTag: "en-US", file: "en-US.json" }] });

    const german = bot.commandLists[0].commands.map((c: any) => c.title);
    const englishTitles = bot.commandLists[0].commands.map((_: unknown, i: number) => english[`bots[0].commandLists[0].commands[${i}].title`]);
    expect(german).toEqual(["Hilfe", "Themen", "Mit einer Lotsin / einem Lotsen sprechen", "Sprache", "Wer ich bin ändern", "Neu starten"]);
    expect(englishTitles).toEqual(["Help", "Topics", "Talk to a navigator", "Language", "Change who I am", "Restart"]);
    // Choosing a command sends its title as the message: each one must do what it says, in both languages.
    const expected = [
      { action: "command", command: "help" },
      { action: "command", command: "topics" },
      { action: "handoff" },
      { action: "command", command: "language" },
      { action: "command", command: "audience" },
      { action: "command", command: "restart" },
    ];
    expect(german.map((t: string) => recogniseCommand(t))).toEqual(expected);
    expect(englishTitles.map((t: string) => recogniseCommand(t))).toEqual(expected);
    for (const list of [1, 2]) {
      expect(bot.commandLists[list].commands.map((c: any) => recogniseCommand(c.title))).toEqual(expected.slice(0, 2));
      expect([0, 1].map((i) => recogniseCommand(english[`bots[0].commandLists[${list}].commands[${i}].title`]!))).toEqual(expected.slice(0, 2));
    }
    for (const [key, value] of Object.entries(english)) if (key.endsWith(".description")) expect(value, key).toMatch(/^[A-Z]/);
  });

  it("has the console as a personal tab after the chat, the search message extension and Teams SSO", () => {
    expect(manifest.staticTabs.map((t: any) => t.entityId)).toEqual(["conversations", "lotse-console", "about"]);
    const tab = manifest.staticTabs[1];
    expect(tab).toMatchObject({ name: "Konsole", contentUrl: "https://lotse.example.org/console", scopes: ["personal"] });
    expect(english["staticTabs[1].name"]).toBe("Console");

    const ext = manifest.composeExtensions[0];
    expect(ext).toMatchObject({ botId: APP, composeExtensionType: "botBased" });
    expect(ext.commands).toHaveLength(1);
    expect(ext.commands[0]).toMatchObject({ id: "search", type: "query", title: "Suchen", initialRun: true });
    expect(ext.commands[0].parameters.map((p: any) => p.name)).toEqual(["query"]);
    // What the bot answers (bot/message-extension.ts) is what the manifest declares.
    expect([ext.commands[0].id, ext.commands[0].parameters[0].name]).toEqual([SEARCH_COMMAND_ID, SEARCH_PARAMETER]);
    expect(english["composeExtensions[0].commands[0].title"]).toBe("Search");
    expect(english["composeExtensions[0].commands[0].parameters[0].title"]).toBe("Search term");

    expect(manifest.webApplicationInfo).toEqual({ id: CLIENT, resource: `api://lotse.example.org/${CLIENT}` });
  });

  it("lists every URL's host in validDomains", () => {
    const urls: string[] = [];
    const walk = (v: unknown, key = ""): void => {
      if (typeof v === "string" && /^https?:/.test(v) && key !== "$schema") urls.push(v);
      else if (v && typeof v === "object") for (const [k, c] of Object.entries(v)) walk(c, k);
    };
    walk(manifest);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const url of urls) expect(manifest.validDomains, url).toContain(new URL(url).host);
    expect(manifest.validDomains).toEqual(["lotse.example.org"]);
  });

  it("links to pages Lotse really serves: website, privacy notice, terms of use, console", async () => {
    const links = [manifest.developer.websiteUrl, manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl, manifest.staticTabs[1].contentUrl];
    expect(links).toEqual(["https://lotse.example.org/", "https://lotse.example.org/datenschutz", "https://lotse.example.org/nutzungsbedingungen", "https://lotse.example.org/console"]);
    for (const link of links) {
      const res = await fetch(link.replace("https://lotse.example.org", lotse.url));
      expect(res.status, link).toBe(200);
      expect(res.headers.get("content-type"), link).toMatch(/^text\/html/);
    }
  });
});

describe("npm run teams:package: arguments and configuration", () => {
  it("prints its usage with --help and -h", async () => {
    for (const flag of ["--help", "-h"]) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("usage: npm run teams:package -- --host HOST");
      expect(r.stdout).toContain("--teams-app-id GUID");
      expect(r.stderr).toBe("");
      expect(existsSync(r.out)).toBe(false);
    }
  });

  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ["host with https://", ["--host", "https://lotse.example.org", "--app-id", APP, "--client-id", CLIENT], {}, /--host: must be the host name only, without https:\/\//],
    ["host with a path", ["--host", "lotse.example.org/lotse", "--app-id", APP, "--client-id", CLIENT], {}, /--host: must be the host name only, without a path/],
    ["host with spaces", ["--host", "lotse example", "--app-id", APP, "--client-id", CLIENT], {}, /--host: must be a host name such as/],
    ["empty host", ["--host", "", "--app-id", APP, "--client-id", CLIENT], {}, /--host: must not be empty/],
    ["huge host", ["--host", HUGE, "--app-id", APP, "--client-id", CLIENT], {}, /--host: must be at most 253 characters/],
    ["no host", ["--app-id", APP, "--client-id", CLIENT], {}, /--host: is required/],
    ["host without its value", ["--out", path.join(tmp(), "app.zip"), "--app-id", APP, "--client-id", CLIENT, "--host"], {}, /Option '--host <value>' argument missing/],
    ["host swallowing the next flag", ["--host", "--app-id", APP, "--client-id", CLIENT], {}, /Option '--host' argument is ambiguous/],
    ["non-GUID bot app id", ["--host", "lotse.example.org", "--app-id", "nope", "--client-id", CLIENT], {}, /--app-id: must be a GUID/],
    ["huge bot app id", ["--host", "lotse.example.org", "--app-id", HUGE, "--client-id", CLIENT], {}, /--app-id: must be a GUID/],
    ["empty client id", ["--host", "lotse.example.org", "--app-id", APP, "--client-id", ""], {}, /--client-id: must be a GUID/],
    ["non-GUID Teams app id", [...GOOD, "--teams-app-id", "{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}"], {}, /--teams-app-id: must be a GUID/],
    ["no bot app id anywhere", ["--host", "lotse.example.org", "--client-id", CLIENT], {}, /--app-id: is required \(or set MicrosoftAppId\)/],
    ["no client id anywhere", ["--host", "lotse.example.org", "--app-id", APP], {}, /--client-id: is required \(or set ENTRA_CLIENT_ID\)/],
    ["huge Teams app id", [...GOOD, "--teams-app-id", HUGE], {}, /--teams-app-id: must be a GUID/],
    ["bad version", [...GOOD, "--app-version", "1.0"], {}, /--app-version: must be a version such as 1\.4\.0/],
    ["huge version", [...GOOD, "--app-version", HUGE], {}, /--app-version: must be at most 64 characters/],
    ["huge TEAMS_APP_ID", GOOD, { TEAMS_APP_ID: HUGE }, /TEAMS_APP_ID: must be the Teams app id/],
    ["huge OPERATOR_NAME", GOOD, { OPERATOR_NAME: HUGE }, /OPERATOR_NAME: /],
    ["huge out path", [...GOOD, "--out", HUGE], {}, /--out: must be at most 4096 characters/],
    ["unknown flag", [...GOOD, "--hots", "x"], {}, /Unknown option '--hots'/],
    ["stray argument", [...GOOD, "lotse.example.org"], {}, /Unexpected argument 'lotse\.example\.org'/],
    ["bad TEAMS_APP_ID", GOOD, { TEAMS_APP_ID: "not-a-guid" }, /TEAMS_APP_ID: must be the Teams app id/],
    ["operator name too long for Teams", GOOD, { OPERATOR_NAME: "Kommunales Jobcenter der Stadt Wuppertal" }, /OPERATOR_NAME: must be at most 32 characters/],
  ];
  it.each(cases)("%s: exit 2 naming what is wrong, nothing written", async (_name, args, env, message) => {
    const r = await run(args, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("usage:");
    // A 10 KB value is named, not echoed back.
    expect(r.stderr.length).toBeLessThan(3000);
    expect(r.stdout).toBe("");
    expect(existsSync(r.out)).toBe(false);
    expect(existsSync(path.join(r.dataDir, "teams-app-id"))).toBe(false);
  });

  it("refuses a folder as --out", async () => {
    const dir = tmp();
    const r = await run([...GOOD, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: .* is a folder/);
  });

  it("takes the ids from the configuration (MicrosoftAppId, ENTRA_CLIENT_ID, TEAMS_APP_ID) and the host from PUBLIC_URL", async () => {
    const r = await run([], { MicrosoftAppId: APP, MicrosoftAppPassword: "secret", ENTRA_TENANT_ID: "12345678-1234-1234-1234-123456789012", ENTRA_CLIENT_ID: CLIENT, ENTRA_ALLOW_ALL_TENANT_USERS: "true", TEAMS_APP_ID: TEAMS, PUBLIC_URL: "https://lotse.example.org" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const manifest = JSON.parse(unzip(readFileSync(r.out))["manifest.json"]!.toString());
    expect(manifest).toMatchObject({ id: TEAMS, bots: [{ botId: APP }], webApplicationInfo: { id: CLIENT }, validDomains: ["lotse.example.org"] });
  });

  it("says when PUBLIC_URL (where search results link to) is on another host than the package", async () => {
    const r = await run(GOOD, { PUBLIC_URL: "https://lotse.other.example" });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("PUBLIC_URL is on lotse.other.example, the package on lotse.example.org");
  });

  it("needs --host when PUBLIC_URL has a path (Teams needs Lotse at the root of its host)", async () => {
    const r = await run(["--app-id", APP, "--client-id", CLIENT], { PUBLIC_URL: "https://www.example.org/lotse" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--host: is required \(or set PUBLIC_URL to https:\/\/HOST\)/);
  });
});

describe("npm run teams:package: a stable Teams app id", () => {
  const idOf = (r: Run) => JSON.parse(unzip(readFileSync(r.out))["manifest.json"]!.toString()).id as string;

  it("creates one on the first run, says so and where it is kept, and uses it again", async () => {
    const dataDir = path.join(tmp(), "data");
    const first = await run(GOOD, { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    const id = idOf(first);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.stdout).toContain(`NEW TEAMS APP ID: ${id}`);
    expect(first.stdout).toContain(`Kept in ${path.join(dataDir, "teams-app-id")}`);
    expect(readFileSync(path.join(dataDir, "teams-app-id"), "utf8").trim()).toBe(id);

    const second = await run(GOOD, { DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(idOf(second)).toBe(id);
    expect(second.stdout).not.toContain("NEW TEAMS APP ID");
    expect(second.stdout).toContain(`Teams app id ${id} (from ${path.join(dataDir, "teams-app-id")})`);
  });

  it("keeps a given id for later runs, and says when a given id differs from the kept one", async () => {
    const dataDir = path.join(tmp(), "data");
    expect(idOf(await run([...GOOD, "--teams-app-id", TEAMS.toUpperCase()], { DATA_DIR: dataDir }))).toBe(TEAMS);
    expect(idOf(await run(GOOD, { DATA_DIR: dataDir }))).toBe(TEAMS);
    const other = "12345678-90ab-4cde-8f01-234567890abc";
    const r = await run([...GOOD, "--teams-app-id", other], { DATA_DIR: dataDir });
    expect(idOf(r)).toBe(other);
    expect(r.stderr).toContain(`holds ${TEAMS}; this package uses ${other} (from --teams-app-id)`);
    expect(readFileSync(path.join(dataDir, "teams-app-id"), "utf8").trim()).toBe(TEAMS);
  });

  it("refuses a damaged id file instead of silently making a second app", async () => {
    const dataDir = path.join(tmp(), "data");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "teams-app-id"), "garbage\n");
    const r = await run(GOOD, { DATA_DIR: dataDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dataDir, "teams-app-id")}: must hold the Teams app id`);
  });
});

describe("npm run teams:package: a template that fails validation", () => {
  /** A copy of manifest/ with one change: what an edit of the template could do. */
  function brokenTemplate(change: (manifest: any, english: any) => void, icons?: { outline?: string }): string {
    const dir = tmp();
    cpSync(path.join(ROOT, "manifest"), dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
    const english = JSON.parse(readFileSync(path.join(dir, "en-US.json"), "utf8"));
    change(manifest, english);
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
    writeFileSync(path.join(dir, "en-US.json"), JSON.stringify(english));
    if (icons?.outline) cpSync(path.join(dir, icons.outline), path.join(dir, "outline.png"));
    return dir;
  }

  const cases: [string, (m: any, e: any) => void, RegExp[], { outline?: string }?][] = [
    [
      "schema errors, with their JSON path",
      (m) => {
        m.bots[0].bogus = true;
        m.composeExtensions[0].commands[0].title = "Die Wissensbasis von Lotse durchsuchen";
        m.bots[0].scopes.push("everyone");
      },
      [/manifest\.json \/bots\/0 must NOT have additional properties\. Details: \{"additionalProperty":"bogus"\}/, /manifest\.json \/composeExtensions\/0\/commands\/0\/title must NOT have more than 32 characters/, /manifest\.json \/bots\/0\/scopes\/3 must be equal to one of the allowed values/],
    ],
    ["an older manifest version", (m) => (m.manifestVersion = "1.17"), [/manifest\.json \/manifestVersion must be equal to constant/]],
    ["a URL outside validDomains", (m) => (m.developer.websiteUrl = "https://www.example.org/"), [/manifest\.json \/developer\/websiteUrl www\.example\.org is not in validDomains/]],
    ["an untranslated command", (m) => m.bots[0].commandLists[0].commands.push({ title: "Feedback", description: "Rückmeldung geben" }), [/en-US\.json \/bots\[0\]\.commandLists\[0\]\.commands\[6\]\.title is missing/]],
    ["a translation of nothing", (_m, e) => (e["staticTabs[5].name"] = "Nowhere"), [/en-US\.json \/staticTabs\[5\]\.name translates nothing/]],
    ["a localization schema error", (_m, e) => (e["name.short"] = "Lotse, the navigators' chatbot for everyone"), [/en-US\.json \/name\.short must NOT have more than 30 characters/]],
    ["an unknown placeholder", (m) => (m.developer.name = "{{NOPE}}"), [/manifest\.json: no value for \{\{NOPE\}\}/]],
    ["an icon outside the template folder", (m) => (m.icons.color = "../color.png"), [/manifest\.json \/icons\/color must name a file beside manifest\.json/]],
    ["a coloured outline icon", () => {}, [/outline\.png: must be 32×32 pixels, is 192×192/], { outline: "color.png" }],
  ];
  it.each(cases)("%s: exit 1, nothing written", async (_name, change, messages, icons) => {
    const r = await run(GOOD, {}, brokenTemplate(change, icons));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the package is not valid (Teams manifest schema 1.29); nothing written:");
    for (const m of messages) expect(r.stderr).toMatch(m);
    expect(existsSync(r.out)).toBe(false);
    expect(existsSync(path.dirname(r.out))).toBe(false);
    expect(existsSync(path.join(r.dataDir, "teams-app-id"))).toBe(false);
  });
});

describe("npm run teams:package as a process", () => {
  it("writes the zip (creating its folder) and exits 2 on bad arguments", async () => {
    const dir = tmp();
    const out = path.join(dir, "nested", "lotse.zip");
    const ok = await runScript("teams-package.ts", [...GOOD, "--out", out], { DATA_DIR: path.join(dir, "data") });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`wrote ${out}`);
    expect(ok.stdout).toContain("valid against the Teams manifest schema 1.29 (from @microsoft/app-manifest 1.1.2)");
    expect(Object.keys(unzip(readFileSync(out))).sort()).toEqual(["color.png", "en-US.json", "manifest.json", "outline.png"]);

    const bad = await runScript("teams-package.ts", ["--host", "https://x/y", "--app-id", "nope", "--client-id", CLIENT], { DATA_DIR: path.join(dir, "data2") });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--host: must be the host name only, without https:\/\//);
    expect(bad.stderr).toMatch(/--app-id: must be a GUID/);
  });
});

describe("storedZip", () => {
  it("writes a zip whose entries read back byte for byte", () => {
    const files = unzip(storedZip({ "a.txt": Buffer.from("hallo"), "b.bin": Buffer.from([0, 1, 2]) }));
    expect(files["a.txt"]!.toString()).toBe("hallo");
    expect([...files["b.bin"]!]).toEqual([0, 1, 2]);
  });
});
