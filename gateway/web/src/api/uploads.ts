import { DefaultHttpStack, type DetailedError, type HttpRequest, type HttpResponse, type HttpStack } from 'tus-js-client';
import { bearerToken, refreshSession } from './http';

/** The tus endpoint of recordings (tus 1.0, resumable). */
export const UPLOADS_ENDPOINT = '/api/recordings/uploads';

/**
 * Options every tus upload shares: the current access token on each request (tokens rotate during a long lesson),
 * a refresh and retry on 401, and retries with growing delays while the network or the service is away.
 */
export function tusAuthOptions() {
  return {
    endpoint: UPLOADS_ENDPOINT,
    httpStack: new ResumeRetryingHttpStack(new DefaultHttpStack({})),
    retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000, 30000, 30000, 60000],
    onBeforeRequest: (request: HttpRequest) => {
      const token = bearerToken();
      if (token) request.setHeader('Authorization', `Bearer ${token}`);
    },
    onShouldRetry: (error: DetailedError, attempt: number) => {
      const status = error.originalResponse?.getStatus() ?? 0;
      if (status === 401) {
        void refreshSession();
        return attempt < 3;
      }
      // 404 on creation: recordings learns that a room opened from an event, which may trail the room by a moment.
      if (status === 404 && error.originalRequest?.getMethod() === 'POST') return true;
      // 423: another PATCH holds the upload (a previous tab or a request cut off); it is released shortly.
      return status === 0 || status === 409 || status === 423 || status === 429 || status >= 500;
    },
  };
}

/**
 * tus-js-client asks for an upload's offset with HEAD when it resumes, and on any answer but 2xx or 423 it gives the
 * upload up and creates a new one. A 502/503 only says that recordings is restarting (the gateway answers for it),
 * and a new upload cannot work for a recording that streams from MediaRecorder, whose earlier bytes are gone. This
 * stack turns such answers to HEAD into a network error, which tus retries with its delays, resuming the same upload.
 */
export class ResumeRetryingHttpStack implements HttpStack {
  constructor(private readonly delegate: HttpStack) {}

  createRequest(method: string, url: string): HttpRequest {
    const request = this.delegate.createRequest(method, url);
    if (method !== 'HEAD') return request;
    const send = request.send.bind(request);
    request.send = async (body: unknown): Promise<HttpResponse> => {
      const response = await send(body);
      if (isTransient(response.getStatus())) {
        throw new Error(`recordings is unavailable (${response.getStatus()}); the upload resumes when it is back`);
      }
      return response;
    };
    return request;
  }

  getName(): string {
    return `resume-retrying ${this.delegate.getName()}`;
  }
}

/** Answers that say "not now" rather than "no such upload". */
function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** The server's detail from a tus error answer (problem+json), else the client's message. */
export function tusErrorMessage(error: Error | DetailedError): string {
  const response = (error as DetailedError).originalResponse;
  if (response) {
    try {
      const problem = JSON.parse(response.getBody());
      if (problem?.detail) return problem.detail;
    } catch {
      // not JSON: fall through
    }
    const status = response.getStatus();
    if (status === 413) return 'That file is too large.';
    if (status === 415) return 'That file type cannot be uploaded; use a video such as MP4 or WebM.';
    if (status === 403) return 'You are not allowed to upload this.';
  }
  return 'The upload failed. Check your connection and try again.';
}
