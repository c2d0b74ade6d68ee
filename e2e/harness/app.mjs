// The web app as a person uses it: each function is one thing a teacher or student does, through the pages
// (data-testid hooks of gateway/web). API calls, where a test needs one, are made from inside the page, so
// that every request starts in the user's own namespace.

const SECOND = 1000;

/** Wall-clock parts of an instant in a zone: { date: 'YYYY-MM-DD', time: 'HH:MM', weekday: 'MONDAY' }. */
export function wallClock(instant, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    weekday: 'long', hourCycle: 'h23',
  }).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: parts.weekday.toUpperCase(),
  };
}

/** The first whole minute at least `leadMs` from now. */
export function nextWholeMinute(leadMs) {
  return new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000);
}

/** Fills the sign-up form (teacher sign-up, or through an invitation link) and waits for the dashboard. */
export async function signUp(page, url, { name, email, password, zone }) {
  await page.goto(url);
  await page.getByTestId('signup-name').fill(name);
  await page.getByTestId('signup-email').fill(email);
  await page.getByTestId('signup-password').fill(password);
  await page.getByTestId('signup-zone').selectOption(zone);
  await page.getByTestId('signup-submit').click();
  await page.waitForURL('**/dashboard', { timeout: 20 * SECOND });
}

/** The teacher asks for a student invitation and returns the link to send. */
export async function inviteStudent(page) {
  await page.goto('/dashboard');
  await page.getByTestId('invite-student').click();
  const link = page.getByTestId('invite-student-link');
  await link.waitFor({ timeout: 10 * SECOND });
  return link.inputValue();
}

/** The teacher books a weekly series through the lesson form; returns what the form was given. */
export async function scheduleWeeklySeries(page, { studentName, title, start, zone, durationMinutes, count, beforeSubmit }) {
  const wall = wallClock(start, zone);
  await page.goto('/lessons/new');
  const student = page.getByTestId('lesson-students').getByLabel(studentName, { exact: true });
  await student.check();
  await page.getByTestId('lesson-title').fill(title);
  await page.getByTestId('repeat-weekly').check();
  await page.getByTestId('lesson-zone').selectOption(zone);
  await page.getByTestId('lesson-date').fill(wall.date);
  await page.getByTestId('lesson-time-input').fill(wall.time);
  await page.getByTestId('lesson-duration').fill(String(durationMinutes));
  for (const box of await page.getByTestId('lesson-weekdays').locator('input[type=checkbox]').all()) {
    const day = (await box.getAttribute('data-testid')).replace('weekday-', '');
    await box.setChecked(day === wall.weekday);
  }
  await page.getByTestId('lesson-count').fill(String(count));
  if (beforeSubmit) await beforeSubmit(page);
  await page.getByTestId('lesson-submit').click();
  await page.waitForURL('**/dashboard', { timeout: 20 * SECOND });
  return wall;
}

/** The dashboard's entry for the lesson titled `title` (the first, i.e. the soonest, occurrence). */
export function lessonRow(page, title) {
  return page.getByTestId('lesson').filter({ hasText: title }).first();
}

/** Reloads the dashboard (as an impatient person would) until `ready(page)` holds, at most `timeoutMs`. */
export async function reloadUntil(page, path, ready, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(path);
    await page.waitForLoadState('networkidle').catch(() => {});
    if (await ready(page)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / SECOND} s`);
    await page.waitForTimeout(3 * SECOND);
  }
}

/** From the dashboard, clicks Join on the lesson and then "Join lesson" in the room; returns when Join was clicked. */
export async function joinFromDashboard(page, title) {
  await page.goto('/dashboard');
  await lessonRow(page, title).locator('a[data-testid=join]').click();
  await page.waitForURL('**/r/*');
  return joinRoom(page);
}

/** In a room's pre-join screen: waits for the camera preview, clicks "Join lesson", waits for the call view. */
export async function joinRoom(page) {
  const join = page.getByTestId('join-room');
  await join.waitFor({ timeout: 20 * SECOND });
  await page.waitForFunction(() => !document.querySelector('[data-testid=join-room]')?.disabled, null,
    { timeout: 20 * SECOND });
  const clickedAt = Date.now();
  await join.click();
  await page.getByTestId('room').waitFor({ timeout: 20 * SECOND });
  return clickedAt;
}

/** Leaves the room and waits until the recording is saved and the app is back on the dashboard. */
export async function leaveRoom(page) {
  await page.getByTestId('leave').click();
  await page.waitForURL('**/dashboard', { timeout: 30 * SECOND });
}

/** The teacher creates an instant room on the dashboard; returns its link (to send) and enters it. */
export async function createInstantRoom(page) {
  await page.goto('/dashboard');
  await page.getByTestId('create-instant-room').click();
  const link = await page.getByTestId('instant-room-link').inputValue({ timeout: 10 * SECOND });
  await page.getByTestId('instant-room-join').click();
  await page.waitForURL('**/r/*');
  return link;
}

/** Signs in through the API from inside the page and returns an access token (for API-level checks). */
export async function accessTokenOf(page, { email, password }) {
  return page.evaluate(async (credentials) => {
    const response = await fetch('/api/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(credentials),
    });
    const body = await response.json();
    return body.accessToken ?? body.access_token ?? body.token;
  }, { email, password });
}

/** An API call from inside the page; returns { status, body }. */
export async function apiFrom(page, path, { method = 'GET', token, body } = {}) {
  return page.evaluate(async ({ path, method, token, body }) => {
    const response = await fetch(path, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed };
  }, { path, method, token, body });
}

/**
 * Plays the player's video muted once its engine has attached the stream and read its metadata: a play() issued
 * earlier is aborted by the engine's own load of the source ("interrupted by a new load request").
 */
export async function playWhenLoaded(page, timeoutMs = 30_000) {
  await page.waitForFunction(() => {
    const video = document.querySelector('[data-testid=player-video]');
    return video && video.readyState >= HTMLMediaElement.HAVE_METADATA;
  }, null, { timeout: timeoutMs });
  await page.getByTestId('player-video').evaluate((v) => { v.muted = true; return v.play(); });
}
