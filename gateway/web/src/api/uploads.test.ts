import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';
import { ResumeRetryingHttpStack, UnfinishedTracks } from './uploads';

/** A stack whose every request is answered with the given status, as the gateway would answer. */
function answering(status: number): HttpStack {
  return {
    getName: () => 'fixed',
    createRequest: (method: string, url: string): HttpRequest => ({
      getMethod: () => method,
      getURL: () => url,
      setHeader: () => undefined,
      getHeader: () => undefined,
      setProgressHandler: () => undefined,
      send: async (): Promise<HttpResponse> => ({
        getStatus: () => status,
        getHeader: () => undefined,
        getBody: () => '',
        getUnderlyingObject: () => undefined,
      }),
      abort: async () => undefined,
      getUnderlyingObject: () => undefined,
    }),
  };
}

describe('resuming an upload while recordings restarts', () => {
  it('turns a 503 to HEAD into an error that tus retries, instead of an answer that makes it start over', async () => {
    const request = new ResumeRetryingHttpStack(answering(503)).createRequest('HEAD', '/api/recordings/uploads/u1');
    await expect(request.send(null)).rejects.toThrow(/unavailable \(503\)/);
  });

  it('treats a 502 from a cut connection the same way', async () => {
    const request = new ResumeRetryingHttpStack(answering(502)).createRequest('HEAD', '/api/recordings/uploads/u1');
    await expect(request.send(null)).rejects.toThrow(/unavailable/);
  });

  it('passes a 404 through, so an upload that is really gone is reported as gone', async () => {
    const request = new ResumeRetryingHttpStack(answering(404)).createRequest('HEAD', '/api/recordings/uploads/u1');
    expect((await request.send(null)).getStatus()).toBe(404);
  });

  it('leaves PATCH answers to tus, whose own retry rules handle them', async () => {
    const request = new ResumeRetryingHttpStack(answering(503)).createRequest('PATCH', '/api/recordings/uploads/u1');
    expect((await request.send(null)).getStatus()).toBe(503);
  });
});

describe('unfinished tracks', () => {
  function memory() {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
  }

  it('are kept per room until removed, in our own key', () => {
    const storage = memory();
    const tracks = new UnfinishedTracks(storage);
    tracks.add('room-a', '/api/recordings/uploads/1');
    tracks.add('room-b', '/api/recordings/uploads/2');
    tracks.add('room-a', '/api/recordings/uploads/3');
    expect(new UnfinishedTracks(storage).inRoom('room-a')).toEqual(['/api/recordings/uploads/1', '/api/recordings/uploads/3']);
    tracks.remove('/api/recordings/uploads/1');
    expect(tracks.inRoom('room-a')).toEqual(['/api/recordings/uploads/3']);
    expect(storage.getItem(UnfinishedTracks.KEY)).toContain('uploads/2');
  });

  it('read a store of another shape as empty', () => {
    const storage = memory();
    storage.setItem(UnfinishedTracks.KEY, '{"not":"a list"}');
    expect(new UnfinishedTracks(storage).inRoom('room-a')).toEqual([]);
  });
});
