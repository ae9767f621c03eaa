/**
 * The Teams app package: manifest.json with its placeholders filled, plus the two icons, in a
 * zip archive (stored, uncompressed — Teams accepts it and no zip library is needed).
 */
import { crc32 } from "node:zlib";

export interface PackageInput {
  manifest: string;
  icons: Record<"color.png" | "outline.png", Buffer>;
  values: Record<"HOST" | "MICROSOFT_APP_ID" | "ENTRA_CLIENT_ID" | "TEAMS_APP_ID", string>;
}

export function fillManifest(template: string, values: PackageInput["values"]): string {
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    const v = (values as Record<string, string>)[name];
    if (v === undefined) throw new Error(`teams package: no value for ${whole} in manifest.json`);
    return v;
  });
  JSON.parse(filled); // a value must never break the JSON
  return filled;
}

export function buildTeamsPackage(input: PackageInput): Buffer {
  return storedZip({ "manifest.json": Buffer.from(fillManifest(input.manifest, input.values)), ...input.icons });
}

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
    local.writeUInt32LE(0, 10); // time, date
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
    central.writeUInt32LE(0, 12);
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
