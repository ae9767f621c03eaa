/**
 * When the navigators work ("Mo-Fr 08:00-16:00"), so the person is told honestly when to
 * expect an answer. Public holidays are not known here; the phrasing says "voraussichtlich".
 */

/** Monday = 0 … Sunday = 6. */
export interface OfficeWindow {
  day: number;
  /** Minutes after local midnight. */
  from: number;
  to: number;
}

export interface OfficeHours {
  windows: OfficeWindow[];
  timeZone: string;
}

const DAY_NAMES: Record<string, number> = {
  mo: 0, mon: 0, di: 1, tu: 1, tue: 1, mi: 2, we: 2, wed: 2, do: 3, th: 3, thu: 3,
  fr: 4, fri: 4, sa: 5, sat: 5, so: 6, su: 6, sun: 6,
};

const SEGMENT = /^([a-z]{2,3})(?:\s*[-–]\s*([a-z]{2,3}))?\s+(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/i;

export class OfficeHoursError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OfficeHoursError";
  }
}

/** "Mo-Fr 08:00-16:00", or several segments: "Mo-Do 08:00-16:00; Fr 08:00-12:30". */
export function parseOfficeHours(spec: string, timeZone = "Europe/Berlin"): OfficeHours {
  if (!isTimeZone(timeZone)) throw new OfficeHoursError(`"${timeZone}" is not a known time zone (e.g. Europe/Berlin)`);
  const windows: OfficeWindow[] = [];
  const segments = spec.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
  if (!segments.length || spec.length > 200) throw new OfficeHoursError('must look like "Mo-Fr 08:00-16:00"');
  for (const segment of segments) {
    const m = SEGMENT.exec(segment);
    const first = m ? DAY_NAMES[m[1]!.toLowerCase()] : undefined;
    const last = m?.[2] ? DAY_NAMES[m[2].toLowerCase()] : first;
    if (!m || first === undefined || last === undefined) throw new OfficeHoursError(`"${segment}" must look like "Mo-Fr 08:00-16:00"`);
    const from = Number(m[3]) * 60 + Number(m[4]);
    const to = Number(m[5]) * 60 + Number(m[6]);
    if (Number(m[3]) > 23 || Number(m[5]) > 24 || Number(m[4]) > 59 || Number(m[6]) > 59 || to > 24 * 60 || from >= to) {
      throw new OfficeHoursError(`"${segment}": the times must be a range within one day, e.g. 08:00-16:00`);
    }
    if (last < first) throw new OfficeHoursError(`"${segment}": the days must run from Monday towards Sunday`);
    for (let day = first; day <= last; day++) windows.push({ day, from, to });
  }
  windows.sort((a, b) => a.day - b.day || a.from - b.from);
  return { windows, timeZone };
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

interface LocalTime {
  day: number;
  minutes: number;
}

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = DAY_NAMES[get("weekday").toLowerCase()] ?? 0;
  return { day, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
}

export function isOpen(hours: OfficeHours, at: Date): boolean {
  const now = localTime(at, hours.timeZone);
  return hours.windows.some((w) => w.day === now.day && now.minutes >= w.from && now.minutes < w.to);
}

/** The next start of a window after `at`: days from today (local) and the start time. */
export function nextOpening(hours: OfficeHours, at: Date): { inDays: number; window: OfficeWindow } | undefined {
  const now = localTime(at, hours.timeZone);
  for (let inDays = 0; inDays <= 7; inDays++) {
    const day = (now.day + inDays) % 7;
    const window = hours.windows.find((w) => w.day === day && (inDays > 0 || w.from > now.minutes));
    if (window) return { inDays, window };
  }
  return undefined;
}

/** A Monday in UTC, so that weekday names come out of Intl without time-zone arithmetic. */
const MONDAY = Date.UTC(2024, 0, 1, 12);

function dayName(day: number, locale: string, width: "short" | "long"): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: "UTC" }).format(new Date(MONDAY + day * 86_400_000));
}

export function formatTime(minutes: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, 1, Math.floor(minutes / 60), minutes % 60)),
  );
}

/** "Mo.–Fr. 08:00–16:00" in the person's language; consecutive days with equal times are joined. */
export function describeOfficeHours(hours: OfficeHours, locale: string): string {
  const groups: Array<{ first: number; last: number; from: number; to: number }> = [];
  for (const w of hours.windows) {
    const prev = groups.at(-1);
    if (prev && prev.last === w.day - 1 && prev.from === w.from && prev.to === w.to) prev.last = w.day;
    else groups.push({ first: w.day, last: w.day, from: w.from, to: w.to });
  }
  return groups
    .map((g) => {
      const days = g.first === g.last ? dayName(g.first, locale, "short") : `${dayName(g.first, locale, "short")}–${dayName(g.last, locale, "short")}`;
      return `${days} ${formatTime(g.from, locale)}–${formatTime(g.to, locale)}`;
    })
    .join(", ");
}

/** "heute", "morgen", "Montag" — when the next window starts, relative to today. */
export function describeDay(inDays: number, day: number, locale: string): string {
  if (inDays <= 1) return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(inDays, "day");
  return dayName(day, locale, "long");
}
