/** RFC 9457 problem details, as every Muse Academy service answers errors. */
export interface FieldError {
  field: string;
  message: string;
}

/** An API call that failed: carries the problem so pages can show `detail` where the user acted. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds?: number;

  constructor(init: {
    status: number;
    type?: string;
    title?: string;
    detail?: string;
    fieldErrors?: FieldError[];
    retryAfterSeconds?: number;
  }) {
    super(init.detail || init.title || `Request failed (${init.status})`);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type ?? 'about:blank';
    this.title = init.title ?? statusTitle(init.status);
    this.detail = init.detail ?? '';
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** The sentence to show the user: the server's detail, else a plain description of the status. */
  get userMessage(): string {
    if (this.detail) return this.detail;
    if (this.fieldErrors.length) return this.fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return this.title;
  }

  /** The message for one form field, when the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field || e.field.endsWith('.' + field))?.message;
  }
}

export function statusTitle(status: number): string {
  if (status === 0) return 'The server cannot be reached. Check your connection and try again.';
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'Not found.';
  if (status === 409) return 'That clashes with something that already exists.';
  if (status === 413) return 'That file is too large.';
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again shortly.';
  return `Request failed (${status}).`;
}

/**
 * Turns a failed response's status, headers and body text into an ApiError. Accepts problem+json, plain JSON
 * with a message, or anything else (then the status alone describes it).
 */
export function problemFrom(status: number, contentType: string | null, body: string, retryAfter?: string | null): ApiError {
  const retryAfterSeconds = retryAfter && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : undefined;
  let parsed: unknown;
  if (body && (contentType ?? '').includes('json')) {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  if (parsed && typeof parsed === 'object') {
    const p = parsed as Record<string, unknown>;
    const errors = Array.isArray(p.errors) ? p.errors : Array.isArray(p.violations) ? p.violations : [];
    const fieldErrors = errors
      .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
      .map((e) => ({ field: String(e.field ?? e.name ?? ''), message: String(e.message ?? e.detail ?? '') }));
    return new ApiError({
      status: typeof p.status === 'number' ? p.status : status,
      type: typeof p.type === 'string' ? p.type : undefined,
      title: typeof p.title === 'string' ? p.title : undefined,
      detail: typeof p.detail === 'string' ? p.detail : typeof p.message === 'string' ? p.message : undefined,
      fieldErrors,
      retryAfterSeconds,
    });
  }
  return new ApiError({ status, retryAfterSeconds });
}

/** The message for anything thrown by an API call or by the browser. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.userMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}
