import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, problemFrom } from './problem';

describe('API errors shown to the user', () => {
  it('shows the detail of a problem+json answer', () => {
    const error = problemFrom(409, 'application/problem+json', JSON.stringify({
      type: 'https://muse.academy/problems/lesson-clash',
      title: 'Conflict',
      status: 409,
      detail: 'Sara already has a lesson at Tue 18:00',
    }));
    expect(error.status).toBe(409);
    expect(error.type).toBe('https://muse.academy/problems/lesson-clash');
    expect(error.userMessage).toBe('Sara already has a lesson at Tue 18:00');
  });

  it('names the field of a validation problem', () => {
    const error = problemFrom(400, 'application/problem+json', JSON.stringify({
      title: 'Bad Request', status: 400, errors: [{ field: 'signup.zone', message: 'is not a known time zone' }],
    }));
    expect(error.fieldMessage('zone')).toBe('is not a known time zone');
    expect(error.userMessage).toBe('signup.zone: is not a known time zone');
  });

  it('describes a failure without a body by its status', () => {
    expect(problemFrom(503, 'text/html', '<html>').userMessage).toContain('try again');
    expect(problemFrom(0, null, '').userMessage).toContain('cannot be reached');
  });

  it('keeps Retry-After of a rate-limited login', () => {
    const error = problemFrom(429, 'application/problem+json', '{"status":429,"detail":"Too many attempts"}', '30');
    expect(error.retryAfterSeconds).toBe(30);
  });

  it('survives a broken JSON body', () => {
    expect(problemFrom(500, 'application/json', '{oops').status).toBe(500);
  });

  it('turns anything thrown into a sentence', () => {
    expect(errorMessage(new ApiError({ status: 403 }))).toBe('You are not allowed to do that.');
    expect(errorMessage(new Error('Camera is busy'))).toBe('Camera is busy');
  });
});
