import { describe, expect, it } from 'vitest';
import { DecodeError } from './decode';
import { decodeTicket } from './rooms';
import { decodeLesson } from './scheduling';

const ticket = {
  ticket: 'jwt', expiresAt: '2026-12-03T18:00:00Z', signalingUrl: '/ws/rooms/abc', participantId: 'acc-sara',
  role: 'participant', serverTime: '2026-12-03T17:00:00Z',
  iceServers: [{ urls: ['turn:turn.example:443?transport=tcp'], username: '1700:acc-sara', credential: 'c2VjcmV0' }],
};

describe('strict decoders', () => {
  it('decode a complete answer as it is', () => {
    expect(decodeTicket(ticket, 'ticket')).toEqual(ticket);
  });

  it('refuse a missing field, naming it, instead of reading it as empty', () => {
    const { participantId: _unused, ...withoutParticipant } = ticket;
    expect(_unused).toBe('acc-sara');
    expect(() => decodeTicket(withoutParticipant, 'ticket')).toThrow(DecodeError);
    expect(() => decodeTicket(withoutParticipant, 'ticket')).toThrow('ticket.participantId should be a string, got undefined');
  });

  it('refuse an ill-typed nested field and a role the app does not know', () => {
    expect(() => decodeTicket({ ...ticket, iceServers: [{ urls: 'stun:x' }] }, 'ticket')).toThrow('ticket.iceServers[0].urls should be a list');
    expect(() => decodeTicket({ ...ticket, role: 'admin' }, 'ticket')).toThrow('ticket.role should be one of host, participant, observer');
  });

  it('read an absent or null optional field as undefined and turn the wire shape into the app type', () => {
    const lesson = decodeLesson({
      id: 'l1', seriesId: null, title: 'Violin', startsAt: 'a', endsAt: 'b', durationMinutes: 45, zone: 'Asia/Seoul',
      state: 'completed', roomStatus: 'ready', teacherId: 't', studentIds: ['s'], participants: [],
      replay: { assetId: 'asset-1' },
    });
    expect(lesson.seriesId).toBeUndefined();
    expect(lesson.replayAssetId).toBe('asset-1');
    expect(lesson).not.toHaveProperty('replay');
  });
});
