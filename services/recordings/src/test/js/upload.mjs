// Uploads one file with the real tus-js-client, as the web app does, and reports on stdout, one line each:
//   chunk <offset acknowledged by the server>
//   done <upload URL>
//   error <message>
// Usage: node upload.mjs <options.json>
// options: endpoint, file, token, metadata, chunkSize, deferLength (send as a stream of unknown length),
//          delayMs (pause before each request, so a test can act in the middle), checksum (send Upload-Checksum).
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import * as tus from 'tus-js-client';

const options = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const bytes = readFileSync(options.file);

// A deferred-length upload reads a stream that grows as a MediaRecorder's does: pieces arrive over time.
async function* recorderPieces() {
  for (let start = 0; start < bytes.length; start += 256 * 1024) {
    await sleep(5);
    yield bytes.subarray(start, Math.min(start + 256 * 1024, bytes.length));
  }
}
const source = options.deferLength ? Readable.from(recorderPieces(), { objectMode: false }) : bytes;

const upload = new tus.Upload(source, {
  endpoint: options.endpoint,
  chunkSize: options.chunkSize,
  uploadLengthDeferred: Boolean(options.deferLength),
  uploadSize: options.deferLength ? undefined : bytes.length,
  metadata: options.metadata,
  headers: { Authorization: `Bearer ${options.token}` },
  retryDelays: [100, 250, 500, 1000, 1000, 2000, 2000, 3000, 3000, 5000, 5000, 5000, 5000, 10000, 10000, 10000],
  removeFingerprintOnSuccess: true,
  async onBeforeRequest(request) {
    if (options.delayMs && request.getMethod() === 'PATCH') {
      await sleep(options.delayMs);
    }
    if (options.checksum && request.getMethod() === 'PATCH') {
      request.setHeader('Upload-Checksum', 'sha1 ' + pendingChecksum(request));
    }
  },
  onChunkComplete(chunkSize, bytesAccepted) {
    console.log(`chunk ${bytesAccepted}`);
  },
  onSuccess() {
    console.log(`done ${upload.url}`);
  },
  onError(error) {
    console.log(`error ${String(error).replace(/\s+/g, ' ')}`);
    process.exitCode = 1;
  },
});

// The chunk a PATCH will carry starts at the request's Upload-Offset (known only for a file of known length).
function pendingChecksum(request) {
  const offset = Number(request.getHeader('Upload-Offset'));
  const chunk = bytes.subarray(offset, Math.min(offset + options.chunkSize, bytes.length));
  return createHash('sha1').update(chunk).digest('base64');
}

upload.start();
