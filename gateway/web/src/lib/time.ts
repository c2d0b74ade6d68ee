/** Time-zone aware formatting: every user sees every lesson in their own zone. Pure functions over Intl. */

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The browser's own zone, the sensible default at sign-up. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function allZones(): string[] {
  const withSupport = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return withSupport.supportedValuesOf ? withSupport.supportedValuesOf('timeZone') : ['UTC'];
}

/** "Tue 1 Dec, 18:00" in the zone. */
export function formatDateTime(instant: string | Date, zone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** "18:00" in the zone. */
export function formatTime(instant: string | Date, zone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(instant));
}

/** The other party's local time ("18:00"), with the weekday when their day differs from the viewer's ("Wed 01:00"). */
export function theirTime(instant: string, theirZone: string, myZone: string): string {
  const sameDay = formatDay(instant, theirZone) === formatDay(instant, myZone);
  return sameDay ? formatTime(instant, theirZone) : `${formatDay(instant, theirZone).split(' ')[0].replace(',', '')} ${formatTime(instant, theirZone)}`;
}

/** "Tue 1 Dec" in the zone. */
export function formatDay(instant: string | Date, zone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' })
    .format(new Date(instant));
}

/** The zone's offset at that instant, e.g. "GMT+9" or "GMT-5". */
export function zoneOffsetLabel(instant: string | Date, zone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** The city part of an IANA zone, "Asia/Abu_Dhabi" → "Abu Dhabi". */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** Wall-clock parts of an instant in a zone. */
function wallParts(instant: Date, zone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
}

/** Offset of the zone from UTC at the instant, in minutes (Seoul: +540). */
export function zoneOffsetMinutes(instant: Date, zone: string): number {
  const w = wallParts(instant, zone);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `zone` shows `date` (YYYY-MM-DD) `time` (HH:MM). In a spring-forward gap
 * the time is moved forward by the gap, as calendar apps do.
 */
export function zonedWallTimeToInstant(date: string, time: string, zone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wallAsUtc - zoneOffsetMinutes(new Date(wallAsUtc), zone) * 60_000;
  const corrected = wallAsUtc - zoneOffsetMinutes(new Date(guess), zone) * 60_000;
  if (corrected !== guess) guess = Math.max(guess, corrected);
  return new Date(guess);
}

/** YYYY-MM-DD and HH:MM of an instant in a zone, for form fields. */
export function toZonedInputs(instant: string | Date, zone: string): { date: string; time: string } {
  const w = wallParts(new Date(instant), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${w.y}-${pad(w.mo)}-${pad(w.d)}`, time: `${pad(w.h)}:${pad(w.mi)}` };
}

/** "in 2 days 3 h", "in 45 min", "in 30 s", "now" — the countdown beside an upcoming lesson. */
export function formatCountdown(ms: number): string {
  if (ms <= 0) return 'now';
  const totalSeconds = Math.ceil(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `in ${days} day${days === 1 ? '' : 's'}${hours ? ` ${hours} h` : ''}`;
  if (hours > 0) return `in ${hours} h${minutes ? ` ${minutes} min` : ''}`;
  if (minutes > 0) return `in ${minutes} min${minutes < 10 && seconds ? ` ${seconds} s` : ''}`;
  return `in ${seconds} s`;
}

/** "1:02:03" or "4:05" for durations of media. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekday of a date (YYYY-MM-DD) as the calendar names it. */
export function weekdayOf(date: string): Weekday {
  const [y, mo, d] = date.split('-').map(Number);
  return WEEKDAYS[(new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7];
}
