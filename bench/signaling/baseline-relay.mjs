// The baseline: a minimal Node.js `ws` relay of the kind Muse Academy started from. Rooms by URL path,
// peers by `?id=`, messages with `to` forwarded with `from` added. No tickets, no validation, no limits,
// no heartbeat, one process: what signaling does on top of this is what the benchmark prices.
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 8090);
const rooms = new Map();
const server = new WebSocketServer({
  port,
  host: '127.0.0.1',
  // As signaling: no permessage-deflate (ws declines it by default; said here because the benchmark relies on it).
  perMessageDeflate: false,
  handleProtocols: (protocols) => (protocols.has('bearer-token-carrier') ? 'bearer-token-carrier' : false),
});

server.on('connection', (socket, request) => {
  const url = new URL(request.url, 'http://relay');
  const code = url.pathname.split('/').pop();
  const id = url.searchParams.get('id');
  const room = rooms.get(code) ?? new Map();
  rooms.set(code, room);
  socket.send(JSON.stringify({ type: 'welcome', you: { id }, peers: [...room.keys()].map((peer) => ({ id: peer })) }));
  room.set(id, socket);
  socket.on('message', (data) => {
    const message = JSON.parse(data);
    const target = room.get(message.to);
    if (target) {
      message.from = id;
      target.send(JSON.stringify(message));
    }
  });
  socket.on('close', () => {
    room.delete(id);
    if (room.size === 0) rooms.delete(code);
  });
});
server.on('listening', () => console.log(`baseline relay on ${port}`));
