// coturn inside the home namespace: UDP and TCP on 3478, TLS on 443 with a throwaway self-signed certificate
// made for this run, and the TURN REST secret that rooms signs its credentials with.
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, startProcess } from './processes.mjs';
import { TURN_PORT, TURN_TLS_PORT } from './network.mjs';

/** The ICE server URLs the browsers are given, strongest fallback last (what rooms must hand out here). */
export function turnUrls(address) {
  return [
    `turn:${address}:${TURN_PORT}?transport=udp`,
    `turn:${address}:${TURN_PORT}?transport=tcp`,
    `turns:${address}:${TURN_TLS_PORT}?transport=tcp`,
  ];
}

/** A self-signed certificate for the TURN server's address, valid for a day. */
export async function makeCertificate(directory, address) {
  const cert = join(directory, 'turn-cert.pem');
  const key = join(directory, 'turn-key.pem');
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-keyout', key, '-out', cert, '-subj', '/CN=turn.muse.test',
    '-addext', `subjectAltName=IP:${address},DNS:turn.muse.test`]);
  return { cert, key };
}

/** Starts coturn in `namespace`; the secret goes into a private config file, never onto a command line. */
export async function startCoturn({ namespace, address, secret, runDir, logDir }) {
  const { cert, key } = await makeCertificate(runDir, address);
  const config = join(runDir, 'turnserver.conf');
  writeFileSync(config, [
    `listening-ip=${address}`,
    `relay-ip=${address}`,
    `external-ip=${address}`,
    `listening-port=${TURN_PORT}`,
    `tls-listening-port=${TURN_TLS_PORT}`,
    // The relay's peers are the test hosts' private addresses; production denies private ranges (docs/turn.md).
    'allowed-peer-ip=10.99.0.0-10.99.0.255',
    'min-port=49160',
    'max-port=49400',
    `cert=${cert}`,
    `pkey=${key}`,
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=muse.academy',
    'fingerprint',
    'no-cli',
    'no-dtls',
    'no-multicast-peers',
    'no-stdout-log',
    `log-file=${join(logDir, 'coturn.log')}`,
    'simple-log',
    `pidfile=${join(runDir, 'turnserver.pid')}`,
    'verbose',
    '',
  ].join('\n'), { mode: 0o600 });
  startProcess('coturn', namespace, 'turnserver', ['-c', config],
    { cwd: runDir, log: join(logDir, 'coturn.out') });
  return { certificate: cert };
}

/** TURN REST credentials (coturn's use-auth-secret): username `<expiry>:<user>`, HMAC-SHA1 of it, base64. */
export function turnCredentials(secret, user, lifetimeSeconds = 3600) {
  const username = `${Math.floor(Date.now() / 1000) + lifetimeSeconds}:${user}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}
