import { describe, expect, it } from 'vitest';
import {
  formatCountdown,
  formatDateTime,
  formatDuration,
  formatTime,
  isValidZone,
  toZonedInputs,
  weekdayOf,
  zoneOffsetLabel,
  zonedWallTimeToInstant,
} from './time';

describe('lesson times in each viewer zone', () => {
  const lesson = '2026-12-01T09:00:00Z';

  it('shows a Seoul lesson at 18:00 to the teacher and 13:00 to the student in Abu Dhabi', () => {
    expect(formatTime(lesson, 'Asia/Seoul')).toBe('18:00');
    expect(formatTime(lesson, 'Asia/Dubai')).toBe('13:00');
    expect(formatDateTime(lesson, 'Asia/Seoul')).toContain('Tue');
  });

  it('names the zone offset beside the time', () => {
    expect(zoneOffsetLabel(lesson, 'Asia/Seoul')).toBe('GMT+9');
    expect(zoneOffsetLabel(lesson, 'America/New_York')).toBe('GMT-5');
  });

  it('keeps 17:00 in New York across the daylight-saving change', () => {
    const before = zonedWallTimeToInstant('2027-03-09', '17:00', 'America/New_York');
    const after = zonedWallTimeToInstant('2027-03-16', '17:00', 'America/New_York');
    expect(before.toISOString()).toBe('2027-03-09T22:00:00.000Z');
    expect(after.toISOString()).toBe('2027-03-16T21:00:00.000Z');
  });

  it('moves a wall time inside the spring-forward gap to after the gap', () => {
    const inGap = zonedWallTimeToInstant('2027-03-14', '02:30', 'America/New_York');
    expect(formatTime(inGap, 'America/New_York')).toBe('03:30');
  });

  it('round-trips an instant through the form fields of its zone', () => {
    expect(toZonedInputs(lesson, 'Asia/Seoul')).toEqual({ date: '2026-12-01', time: '18:00' });
    expect(zonedWallTimeToInstant('2026-12-01', '18:00', 'Asia/Seoul').toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('rejects zones that do not exist', () => {
    expect(isValidZone('Asia/Seoul')).toBe(true);
    expect(isValidZone('Mars/Olympus')).toBe(false);
  });

  it('names the weekday of a date', () => {
    expect(weekdayOf('2026-12-01')).toBe('TUESDAY');
    expect(weekdayOf('2026-12-06')).toBe('SUNDAY');
  });
});

describe('countdowns and durations', () => {
  it('counts down in the largest sensible units', () => {
    expect(formatCountdown(2 * 86_400_000 + 3 * 3_600_000)).toBe('in 2 days 3 h');
    expect(formatCountdown(3_600_000 + 5 * 60_000)).toBe('in 1 h 5 min');
    expect(formatCountdown(45 * 60_000)).toBe('in 45 min');
    expect(formatCountdown(5 * 60_000 + 7_000)).toBe('in 5 min 7 s');
    expect(formatCountdown(30_000)).toBe('in 30 s');
    expect(formatCountdown(0)).toBe('now');
  });

  it('formats media durations like a player does', () => {
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});
