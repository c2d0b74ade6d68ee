import { startTrackUpload } from '../api/uploads';
import { extensionOf, recordingType } from './media';

export interface RecorderStatus {
  state: 'idle' | 'recording' | 'finishing' | 'done' | 'failed';
  mimeType?: string;
  recordedBytes: number;
  uploadedBytes: number;
  error?: string;
}

/**
 * Records this participant's own camera and microphone at full quality (before the network degrades them) and
 * uploads the recording while the lesson runs, over tus with a deferred length, so a crash loses seconds.
 */
export class LessonRecorder {
  private recorder?: MediaRecorder;
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

    this.finished = new Promise<void>((resolve) => {
      startTrackUpload({
        roomCode: this.roomCode,
        read: () => this.next(),
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
