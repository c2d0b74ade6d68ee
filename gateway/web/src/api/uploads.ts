import type { DetailedError, HttpRequest } from 'tus-js-client';
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
