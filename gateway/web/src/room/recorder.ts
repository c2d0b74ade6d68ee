import { Upload } from 'tus-js-client';
import { bearerToken } from '../api';
import { tusAuthOptions, UPLOADS_ENDPOINT } from '../api/uploads';
import { extensionOf, recordingType } from './media';

export interface RecorderStatus {
  state: 'idle' | 'recording' | 'finishing' | 'done' | 'failed';
  mimeType?: string;
  recordedBytes: number;
  uploadedBytes: number;
  error?: string;
}

/**
 * A lesson track keeps retrying for as long as a lesson may last, never waiting more than a few seconds: the
 * recording piles up in memory meanwhile, and the backlog must be gone soon after the participants leave, before
 * recordings seals the room's tracks.
 */
const STREAM_RETRY_DELAYS = [0, 500, 1000, 2000, ...Array<number>(600).fill(3000)];

/** Key prefix in tus's URL storage (localStorage): one entry per unfinished track of this browser. */
const FINGERPRINT_PREFIX = 'muse-track';

/**
 * Records this participant's own camera and microphone at full quality (before the network degrades them) and
 * uploads the recording while the lesson runs, over tus with a deferred length, so a crash loses seconds.
 */
export class LessonRecorder {
  private recorder?: MediaRecorder;
  private upload?: Upload;
  private readonly queue: { value?: Blob; done: boolean }[] = [];
  private waiting?: (chunk: { value?: Blob; done: boolean }) => void;
  private stopped = false;
  private finished?: Promise<void>;
  private status: RecorderStatus = { state: 'idle', recordedBytes: 0, uploadedBytes: 0 };

  constructor(
    private readonly roomCode: string,
    private readonly participantId: string,
    private readonly onStatus: (status: RecorderStatus) => void,
  ) {}

  /** Starts recording; `serverNow` is the server's clock, which stamps the track's start for alignment. */
  start(stream: MediaStream, serverNow: () => Date, title: string): void {
    const mimeType = recordingType((t) => MediaRecorder.isTypeSupported(t), stream.getVideoTracks().length === 0);
    if (!mimeType) {
      this.update({ state: 'failed', error: 'This browser cannot record.' });
      return;
    }
    const startedAt = serverNow().toISOString();
    this.recorder = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: 256_000, videoBitsPerSecond: 2_500_000 });
    this.recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      this.update({ recordedBytes: this.status.recordedBytes + event.data.size });
      this.push({ value: event.data, done: false });
    };
    this.recorder.onstop = () => this.push({ done: true });
    this.recorder.onerror = () => this.update({ state: 'failed', error: 'Recording stopped unexpectedly.' });

    const reader = { read: () => this.next() as Promise<ReadableStreamReadResult<Blob>> };
    const fingerprint = `${FINGERPRINT_PREFIX}:${this.roomCode}:${this.participantId}:${startedAt}`;
    const shared = tusAuthOptions();
    this.finished = new Promise<void>((resolve) => {
      this.upload = new Upload(reader, {
        ...shared,
        retryDelays: STREAM_RETRY_DELAYS,
        // A stream cannot rewind: once the server has lost bytes the recorder already handed over, retrying is futile.
        onShouldRetry: (error, attempt) => !cannotRewind(error) && shared.onShouldRetry(error, attempt),
        uploadLengthDeferred: true,
        chunkSize: 512 * 1024,
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        fingerprint: async () => fingerprint,
        metadata: {
          kind: 'lesson-track',
          roomCode: this.roomCode,
          participantId: this.participantId,
          filetype: mimeType,
          filename: `${this.roomCode}-${this.participantId}.${extensionOf(mimeType)}`,
          title,
          startedAt,
        },
        onProgress: (sent) => this.update({ uploadedBytes: sent }),
        onSuccess: () => {
          this.update({ state: 'done' });
          resolve();
        },
        onError: (error) => {
          // Stop capturing what can no longer be stored; the room starts a new track if the lesson goes on.
          this.stopped = true;
          if (this.recorder?.state !== 'inactive') this.recorder?.stop();
          this.update({ state: 'failed', error: error.message });
          resolve();
        },
      });
      this.upload.start();
    });
    // Small slices keep the unsent tail short if the browser crashes.
    this.recorder.start(1000);
    this.update({ state: 'recording', mimeType });
  }

  /** Stops recording and waits (bounded) until the last bytes are uploaded. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.stopped) return this.finished;
    this.stopped = true;
    if (this.recorder && this.recorder.state !== 'inactive') {
      this.update({ state: 'finishing' });
      this.recorder.stop();
    } else {
      this.push({ done: true });
    }
    await Promise.race([this.finished, new Promise((r) => setTimeout(r, timeoutMs))]);
  }

  private push(chunk: { value?: Blob; done: boolean }): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(chunk);
    else this.queue.push(chunk);
  }

  /** tus-js-client reads the recording as a stream: the next slice, or wait for MediaRecorder to produce one. */
  private next(): Promise<{ value?: Blob; done: boolean }> {
    const chunk = this.queue.shift();
    return chunk ? Promise.resolve(chunk) : new Promise((resolve) => (this.waiting = resolve));
  }

  private update(change: Partial<RecorderStatus>): void {
    this.status = { ...this.status, ...change };
    this.onStatus(this.status);
  }
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
export async function completeInterruptedTracks(roomCode: string): Promise<number> {
  const prefix = `tus::${FINGERPRINT_PREFIX}:${roomCode}:`;
  let completed = 0;
  for (const key of Object.keys(localStorage)) {
    if (!key.startsWith(prefix)) continue;
    try {
      const { uploadUrl } = JSON.parse(localStorage.getItem(key) ?? '{}') as { uploadUrl?: string };
      if (uploadUrl && (await completeAtCurrentOffset(uploadUrl))) completed++;
    } catch {
      // A track that cannot be completed now is finalised by recordings when the room closes.
    }
    localStorage.removeItem(key);
  }
  return completed;
}

async function completeAtCurrentOffset(uploadUrl: string): Promise<boolean> {
  const headers = (): Record<string, string> => ({
    'Tus-Resumable': '1.0.0',
    ...(bearerToken() ? { Authorization: `Bearer ${bearerToken()}` } : {}),
  });
  const url = uploadUrl.startsWith('http') || uploadUrl.startsWith('/') ? uploadUrl : `${UPLOADS_ENDPOINT}/${uploadUrl}`;
  const head = await fetch(url, { method: 'HEAD', headers: headers() });
  if (!head.ok) return false;
  const offset = head.headers.get('Upload-Offset');
  if (offset === null || head.headers.get('Upload-Length') !== null) return false;
  const patch = await fetch(url, {
    method: 'PATCH',
    headers: { ...headers(), 'Upload-Offset': offset, 'Upload-Length': offset, 'Content-Type': 'application/offset+octet-stream' },
  });
  return patch.ok;
}
