// The baseline's whole server: serves baseline.html and relays each page's messages (SDP and ICE candidates)
// to the other page of its room, over Server-Sent Events one way and POST the other. No accounts, tickets,
// validation or persistence: what a bare WebRTC connection needs and nothing more. Loopback only.
//   node baseline-server.mjs <port>
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const port = Number(process.argv[2] || 0);
const page = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'baseline.html'));
const MAX_ROOMS = 1000;
const MAX_QUEUED = 200;
const MAX_BODY = 64 * 1024;
/** room -> peer -> { stream (an SSE response, once connected), queue (messages that arrived before it) } */
const rooms = new Map();

function peer(room, name) {
  if (!rooms.has(room)) {
    if (rooms.size >= MAX_ROOMS) rooms.delete(rooms.keys().next().value);
    rooms.set(room, new Map());
  }
  const peers = rooms.get(room);
  if (!peers.has(name)) peers.set(name, { stream: null, queue: [] });
  return peers.get(name);
}

function deliver(target, message) {
  if (target.stream) target.stream.write(`data: ${message}\n\n`);
  else if (target.queue.length < MAX_QUEUED) target.queue.push(message);
}

const server = createServer((request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  const room = url.searchParams.get('room') || '';
  if (url.pathname === '/' || url.pathname === '/baseline.html') {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(page);
  } else if (url.pathname === '/events' && room) {
    const me = peer(room, url.searchParams.get('me') || '');
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    response.write(': open\n\n');
    me.stream = response;
    me.queue.splice(0).forEach((message) => deliver(me, message));
    request.on('close', () => {
      if (me.stream === response) me.stream = null;
    });
  } else if (url.pathname === '/send' && request.method === 'POST' && room) {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
      if (body.length > MAX_BODY) request.destroy();
    });
    request.on('end', () => {
      deliver(peer(room, url.searchParams.get('to') || ''), body.replace(/\n/g, ' '));
      response.writeHead(204).end();
    });
  } else if (url.pathname === '/favicon.ico') {
    response.writeHead(204).end();
  } else {
    response.writeHead(404).end();
  }
});
server.listen(port, '127.0.0.1', () => console.log(`baseline server on 127.0.0.1:${server.address().port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
