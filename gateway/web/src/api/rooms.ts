/** rooms' API (/api/rooms): instant rooms, a room as its participants see it, room tickets, and joining a room. */
import { api } from './http';
import { listOf, literal, num, optional, record, str, type Decoder } from './decode';

export interface RoomParticipant {
  accountId: string;
  role: string;
  displayName?: string;
}

export interface Room {
  code: string;
  joinLink: string;
  title?: string;
  kind?: string;
  lessonOccurrenceId?: string;
  opensAt?: string;
  startsAt?: string;
  endsAt?: string;
  closesAt?: string;
  state: string;
  yourRole?: string;
  participants: RoomParticipant[];
  serverTime?: string;
  /** How far the teacher has kept the room open beyond the booked end, by what step, up to what limit (minutes). */
  extension?: RoomExtension;
}

export interface RoomExtension {
  minutes: number;
  stepMinutes: number;
  maxMinutes: number;
}

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export const TICKET_ROLES = ['host', 'participant', 'observer'] as const;

export interface RoomTicket {
  ticket: string;
  expiresAt: string;
  iceServers: IceServer[];
  signalingUrl: string;
  participantId: string;
  role: (typeof TICKET_ROLES)[number];
  serverTime: string;
}

/** RoomView. */
export const decodeRoom = record({
  code: str,
  joinLink: str,
  title: optional(str),
  kind: optional(str),
  lessonOccurrenceId: optional(str),
  opensAt: optional(str),
  startsAt: optional(str),
  endsAt: optional(str),
  closesAt: optional(str),
  state: str,
  yourRole: optional(str),
  participants: listOf(record({ accountId: str, role: str, displayName: optional(str) })),
  serverTime: optional(str),
  extension: optional(record({ minutes: num, stepMinutes: num, maxMinutes: num })),
});

/** TicketResponse. */
export const decodeTicket = record({
  ticket: str,
  expiresAt: str,
  iceServers: listOf(record({ urls: listOf(str), username: optional(str), credential: optional(str) })),
  signalingUrl: str,
  participantId: str,
  role: literal(TICKET_ROLES),
  serverTime: str,
});

export interface RoomJoin {
  room: Room;
  ticket: RoomTicket;
}

/** RoomJoin: the room and a ticket in one answer. */
export const decodeRoomJoin: Decoder<RoomJoin> = record({ room: decodeRoom, ticket: decodeTicket });

export async function createInstantRoom(request: { title?: string; durationMinutes?: number; studentIds?: string[] }): Promise<Room> {
  return decodeRoom(await api('/api/rooms/instant', { body: request }), 'room');
}

export async function getRoom(code: string): Promise<Room> {
  return decodeRoom(await api(`/api/rooms/${encodeURIComponent(code)}`), 'room');
}

/** The teacher keeps the room open one step longer (422 `extension-limit` beyond the most it may be extended). */
export async function extendRoom(code: string): Promise<Room> {
  return decodeRoom(await api(`/api/rooms/${encodeURIComponent(code)}/extensions`, { method: 'POST' }), 'room');
}

export async function roomTicket(code: string): Promise<RoomTicket> {
  return decodeTicket(await api(`/api/rooms/${encodeURIComponent(code)}/tickets`, { method: 'POST' }), 'ticket');
}

/** The room and a ticket (with ICE servers) in one round trip, for entering the room; refused as a ticket is. */
export async function joinRoom(code: string): Promise<RoomJoin> {
  return decodeRoomJoin(await api(`/api/rooms/${encodeURIComponent(code)}/join`, { method: 'POST' }), 'join');
}
