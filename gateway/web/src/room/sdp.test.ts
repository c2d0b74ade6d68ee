import { describe, expect, it } from 'vitest';
import { mungeDescription, opusParams, opusPayloadTypes, withOpusParams } from './sdp';

const chromeOffer = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9',
  'c=IN IP4 0.0.0.0',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=rtpmap:96 VP8/90000',
  '',
].join('\r\n');

describe('music-mode Opus in the SDP', () => {
  it('finds the Opus payload type', () => {
    expect(opusPayloadTypes(chromeOffer)).toEqual(['111']);
  });

  it('asks for stereo at 256 kb/s with FEC and turns DTX off', () => {
    const params = opusParams(withOpusParams(chromeOffer));
    expect(params).toMatchObject({
      minptime: '10',
      stereo: '1',
      'sprop-stereo': '1',
      maxaveragebitrate: '256000',
      useinbandfec: '1',
      usedtx: '0',
    });
  });

  it('leaves other codecs and line endings alone', () => {
    const munged = withOpusParams(chromeOffer);
    expect(munged).toContain('a=fmtp:63 111/111\r\n');
    expect(munged).toContain('a=rtpmap:96 VP8/90000');
    expect(munged.split('\r\n').length).toBe(chromeOffer.split('\r\n').length);
  });

  it('adds an fmtp line when the offer has none for Opus', () => {
    const bare = chromeOffer.replace('a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1\r\n', '');
    const munged = withOpusParams(bare);
    expect(munged).toContain('a=rtpmap:111 opus/48000/2\r\na=fmtp:111 stereo=1;sprop-stereo=1;maxaveragebitrate=256000;useinbandfec=1;usedtx=0');
  });

  it('is idempotent, so munging both local and remote descriptions is safe', () => {
    const once = withOpusParams(chromeOffer);
    expect(withOpusParams(once)).toBe(once);
  });

  it('changes nothing when music mode is off or there is no audio', () => {
    const description = { type: 'offer' as RTCSdpType, sdp: chromeOffer };
    expect(mungeDescription(description, false)).toBe(description);
    const videoOnly = 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n';
    expect(withOpusParams(videoOnly)).toBe(videoOnly);
  });
});
