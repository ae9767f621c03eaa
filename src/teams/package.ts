/**
 * The Teams app package: manifest.json filled from the template in manifest/, the files it
 * names (icons, language files), validated, in a zip archive (stored, uncompressed — Teams
 * accepts it and no zip library is needed). Nothing is written when a check fails.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import { checkIcons } from "./icons.js";
import { checkLocalization, checkValidDomains, fillTemplate, type Json, type ManifestValues } from "./manifest.js";
import { validateLocalizationSchema, validateManifestSchema } from "./validate.js";

export type PackageResult = { ok: true; zip: Buffer; manifest: Json; files: string[] } | { ok: false; errors: string[] };

/** A file the manifest names, inside `dir` only: a template cannot pull in other files. */
function readPackaged(dir: string, name: unknown, errors: string[], pointer: string): Buffer | undefined {
  if (typeof name !== "string" || !name || path.isAbsolute(name) || name.split(/[\\/]/).includes("..")) {
    errors.push(`manifest.json ${pointer} must name a file beside manifest.json`);
    return undefined;
  }
  try {
    return readFileSync(path.join(dir, name));
  } catch {
    errors.push(`manifest.json ${pointer} names ${name}, which is not in ${dir}`);
    return undefined;
  }
}

function parse(text: string, name: string, errors: string[]): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    errors.push(`${name}: is not valid JSON (${(err as Error).message})`);
    return undefined;
  }
}

/** Builds and checks the package from the template folder; the zip only when every check passes. */
export async function buildTeamsPackage(dir: string, values: ManifestValues): Promise<PackageResult> {
  const errors: string[] = [];
  const template = parse(readFileSync(path.join(dir, "manifest.json"), "utf8"), "manifest.json", errors);
  if (template === undefined) return { ok: false, errors };
  let manifest: Json;
  try {
    manifest = fillTemplate(template, values);
  } catch (err) {
    return { ok: false, errors: [`manifest.json: ${(err as Error).message}`] };
  }
  errors.push(...(await validateManifestSchema(manifest)).map((e) => `manifest.json ${e}`));
  errors.push(...checkValidDomains(manifest).map((e) => `manifest.json ${e}`));

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read after the schema check above
  const m = manifest as Record<string, any>;
  const files: Record<string, Buffer> = { "manifest.json": Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) };
  const color = readPackaged(dir, m.icons?.color, errors, "/icons/color");
  const outline = readPackaged(dir, m.icons?.outline, errors, "/icons/outline");
  if (color && outline) {
    errors.push(...checkIcons({ color, outline }, { color: m.icons.color, outline: m.icons.outline }));
    files[m.icons.color] = color;
    files[m.icons.outline] = outline;
  }
  const languages: unknown[] = Array.isArray(m.localizationInfo?.additionalLanguages) ? m.localizationInfo.additionalLanguages : [];
  languages.forEach((lang, i) => {
    const name = (lang as { file?: unknown }).file;
    const raw = readPackaged(dir, name, errors, `/localizationInfo/additionalLanguages/${i}/file`);
    const file = raw && parse(raw.toString("utf8"), String(name), errors);
    if (file === undefined) return;
    let filled: Json;
    try {
      filled = fillTemplate(file, values);
    } catch (err) {
      errors.push(`${String(name)}: ${(err as Error).message}`);
      return;
    }
    errors.push(...validateLocalizationSchema(filled).map((e) => `${String(name)} ${e}`));
    errors.push(...checkLocalization(manifest, filled).map((e) => `${String(name)} ${e}`));
    files[String(name)] = Buffer.from(`${JSON.stringify(filled, null, 2)}\n`);
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, zip: storedZip(files), manifest, files: Object.keys(files) };
}

/** MS-DOS date 1980-01-01 in the high half, time 00:00 in the low half (all zeros is not a valid date). */
const DOS_EPOCH = ((0 << 9) | (1 << 5) | 1) << 16;

/** A zip archive with stored (uncompressed) entries. */
export function storedZip(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const nameBuf = Buffer.from(name, "utf8");
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(DOS_EPOCH, 10); // time 00:00, date 1980-01-01: fixed, so equal input gives an equal zip
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(DOS_EPOCH, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const centralSize = centrals.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
