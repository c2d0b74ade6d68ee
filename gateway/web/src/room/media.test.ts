import { describe, expect, it } from 'vitest';
import { audioConstraints, recordingType, transportOf } from './media';
import { socketUrl, ticketProtocols } from './signaling';

describe('capture and recording settings', () => {
  it('turns voice processing off and asks for stereo in music mode', () => {
    expect(audioConstraints(true, 'mic-2')).toMatchObject({
      deviceId: { exact: 'mic-2' }, echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: { ideal: 2 },
    });
    expect(audioConstraints(false)).toMatchObject({ echoCancellation: true, noiseSuppression: true, autoGainControl: true });
  });

  it('records H.264 in MP4 where the browser can, WebM otherwise', () => {
    expect(recordingType(() => true)).toBe('video/mp4;codecs=avc1,opus');
    expect(recordingType((t) => t.startsWith('video/webm'))).toBe('video/webm;codecs=vp8,opus');
    expect(recordingType(() => false)).toBeUndefined();
  });

  it('names each TURN URL by how it travels', () => {
    expect(transportOf('turn:turn.example:3478?transport=udp')).toBe('TURN UDP');
    expect(transportOf('turn:turn.example:3478?transport=tcp')).toBe('TURN TCP');
    expect(transportOf('turns:turn.example:443?transport=tcp')).toBe('TURN TLS');
    expect(transportOf('stun:turn.example:3478')).toBe('STUN');
  });
});

describe('the signaling connection', () => {
  it('carries the room ticket in the WebSocket sub-protocols', () => {
    expect(ticketProtocols('a.b.c')).toEqual(['bearer-token-carrier', 'quarkus-http-upgrade%23Authorization%23Bearer%20a.b.c']);
  });

  it('opens the socket on the page origin with the matching scheme', () => {
    expect(socketUrl('/ws/rooms/abc', 'https://muse.example')).toBe('wss://muse.example/ws/rooms/abc');
    expect(socketUrl('/ws/rooms/abc', 'http://localhost:8080')).toBe('ws://localhost:8080/ws/rooms/abc');
    expect(socketUrl('wss://other/ws/rooms/abc', 'http://x')).toBe('wss://other/ws/rooms/abc');
  });
});
