import { DefaultHttpStack, Upload, type DetailedError, type HttpRequest, type HttpResponse, type HttpStack } from 'tus-js-client';
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

/**
 * Lesson tracks this browser started and has not finished, by room: our own store (not tus-js-client's private
 * URL storage), so that after a reload or a crash the room page can complete them at what the server received.
 */
export class UnfinishedTracks {
  static readonly KEY = 'muse-unfinished-tracks';

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage) {}

  inRoom(roomCode: string): string[] {
    return this.all().filter((t) => t.roomCode === roomCode).map((t) => t.uploadUrl);
  }

  add(roomCode: string, uploadUrl: string): void {
    this.save([...this.all().filter((t) => t.uploadUrl !== uploadUrl), { roomCode, uploadUrl }]);
  }

  remove(uploadUrl: string): void {
    this.save(this.all().filter((t) => t.uploadUrl !== uploadUrl));
  }

  private all(): { roomCode: string; uploadUrl: string }[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(UnfinishedTracks.KEY) ?? '[]');
      return Array.isArray(parsed)
        ? parsed.filter((t) => typeof t?.roomCode === 'string' && typeof t?.uploadUrl === 'string')
        : [];
    } catch {
      // A store another version of the app wrote in another shape: its tracks are finalised by recordings anyway.
      return [];
    }
  }

  private save(tracks: { roomCode: string; uploadUrl: string }[]): void {
    this.storage.setItem(UnfinishedTracks.KEY, JSON.stringify(tracks));
  }
}

export interface TrackUpload {
  roomCode: string;
  metadata: Record<string, string>;
  /** The recording as a stream of slices; `done` once the recorder stopped. */
  read: () => Promise<{ value?: Blob; done: boolean }>;
  onProgress: (sentBytes: number) => void;
  onSuccess: () => void;
  onError: (error: Error) => void;
}

/**
 * A lesson track keeps retrying for as long as a lesson may last, never waiting more than a few seconds: the
 * recording piles up in memory meanwhile, and the backlog must be gone soon after the participants leave, before
 * recordings seals the room's tracks.
 */
const STREAM_RETRY_DELAYS = [0, 500, 1000, 2000, ...Array<number>(600).fill(3000)];

/** Uploads a lesson track while it is recorded, over tus with a deferred length, noting it until it is complete. */
export function startTrackUpload(track: TrackUpload, tracks = new UnfinishedTracks()): Upload {
  const shared = tusAuthOptions();
  const upload: Upload = new Upload({ read: track.read } as unknown as ReadableStreamDefaultReader<Blob>, {
    ...shared,
    retryDelays: STREAM_RETRY_DELAYS,
    // A stream cannot rewind: once the server has lost bytes the recorder already handed over, retrying is futile.
    onShouldRetry: (error, attempt) => !cannotRewind(error) && shared.onShouldRetry(error, attempt),
    uploadLengthDeferred: true,
    chunkSize: 512 * 1024,
    storeFingerprintForResuming: false,
    metadata: track.metadata,
    onUploadUrlAvailable: () => {
      if (upload.url) tracks.add(track.roomCode, upload.url);
    },
    onProgress: (sent) => track.onProgress(sent),
    onSuccess: () => {
      if (upload.url) tracks.remove(upload.url);
      track.onSuccess();
    },
    onError: (error) => track.onError(error),
  });
  upload.start();
  return upload;
}

/** tus asked the stream for bytes it has already passed, which happens only if the server lost its upload. */
function cannotRewind(error: Error): boolean {
  return /before the reader's current offset/.test(error.message);
}

/**
 * Tracks of this room that a reload or a crash interrupted: their bytes up to the last acknowledged offset are on
 * the server; declaring that offset as the final length completes them, so the replay keeps what arrived. Returns
 * how many were completed.
 */
export async function completeInterruptedTracks(roomCode: string, tracks = new UnfinishedTracks()): Promise<number> {
  let completed = 0;
  for (const uploadUrl of tracks.inRoom(roomCode)) {
    try {
      if (await completeAtCurrentOffset(uploadUrl)) completed++;
    } catch {
      // A track that cannot be completed now is finalised by recordings when the room closes.
    }
    tracks.remove(uploadUrl);
  }
  return completed;
}

async function completeAtCurrentOffset(uploadUrl: string): Promise<boolean> {
  const headers = (): Record<string, string> => ({
    'Tus-Resumable': '1.0.0',
    ...(bearerToken() ? { Authorization: `Bearer ${bearerToken()}` } : {}),
  });
  const head = await fetch(uploadUrl, { method: 'HEAD', headers: headers() });
  if (!head.ok) return false;
  const offset = head.headers.get('Upload-Offset');
  if (offset === null || head.headers.get('Upload-Length') !== null) return false;
  const patch = await fetch(uploadUrl, {
    method: 'PATCH',
    headers: { ...headers(), 'Upload-Offset': offset, 'Upload-Length': offset, 'Content-Type': 'application/offset+octet-stream' },
  });
  return patch.ok;
}
