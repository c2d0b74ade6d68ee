// Three network namespaces that stand for three places: "home" (the suite and coturn, like the home cluster),
// the teacher's host and the student's host, joined by veth pairs on a bridge inside home. Chromium gathers no
// ICE candidates with loopback only, so each browser gets a real (virtual) interface. No traffic ever leaves
// these namespaces: the root namespace has no route to 10.99.0.0/24 from here.
import { execFileSync } from 'node:child_process';
import { inNamespace, registerNamespace, removeNamespace, run } from './processes.mjs';

export const SUBNET_PREFIX = '10.99.0';
export const HOME_ADDRESS = `${SUBNET_PREFIX}.1`;
export const GATEWAY_PORT = 8080;
export const TURN_PORT = 3478;
export const TURN_TLS_PORT = 443;

const HOSTS = { teacher: `${SUBNET_PREFIX}.2`, student: `${SUBNET_PREFIX}.3` };
const PREFIX = 'muse-e2e-';

/** The namespaces of one run, named after this process so that a later run can tell leftovers from live runs. */
export function networkNames(pid = process.pid) {
  return {
    home: `${PREFIX}${pid}-home`,
    teacher: `${PREFIX}${pid}-teacher`,
    student: `${PREFIX}${pid}-student`,
  };
}

/** Creates the namespaces, the bridge and the veth pairs, and returns where everything is. */
export async function createNetwork() {
  removeLeftoversOfDeadRuns();
  const names = networkNames();
  for (const namespace of Object.values(names)) {
    await run('ip', ['netns', 'add', namespace]);
    registerNamespace(namespace);
    await run('ip', ['-n', namespace, 'link', 'set', 'lo', 'up']);
  }
  await run('ip', ['-n', names.home, 'link', 'add', 'br0', 'type', 'bridge']);
  await run('ip', ['-n', names.home, 'addr', 'add', `${HOME_ADDRESS}/24`, 'dev', 'br0']);
  await run('ip', ['-n', names.home, 'link', 'set', 'br0', 'up']);
  for (const [host, address] of Object.entries(HOSTS)) {
    // Created inside home, so no interface name is ever taken in the root namespace.
    await run('ip', ['-n', names.home, 'link', 'add', `v-${host}`, 'type', 'veth', 'peer', 'name', 'eth0',
      'netns', names[host]]);
    await run('ip', ['-n', names.home, 'link', 'set', `v-${host}`, 'master', 'br0', 'up']);
    await run('ip', ['-n', names[host], 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
    await run('ip', ['-n', names[host], 'link', 'set', 'eth0', 'up']);
  }
  return {
    names,
    home: HOME_ADDRESS,
    teacher: HOSTS.teacher,
    student: HOSTS.student,
    gatewayUrl: `http://${HOME_ADDRESS}:${GATEWAY_PORT}`,
  };
}

/**
 * The Abu Dhabi case on the student's host: every UDP datagram is dropped and TCP is allowed only to the
 * web app and to the TURN server's TLS port, so the only media path is TURN over TLS on 443.
 */
export async function restrictStudentNetwork(network) {
  const rules = [
    ['-A', 'INPUT', '-i', 'lo', '-j', 'ACCEPT'],
    ['-A', 'INPUT', '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT'],
    ['-A', 'INPUT', '-j', 'DROP'],
    ['-A', 'OUTPUT', '-o', 'lo', '-j', 'ACCEPT'],
    ['-A', 'OUTPUT', '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT'],
    ['-A', 'OUTPUT', '-p', 'tcp', '-d', network.home, '--dport', String(GATEWAY_PORT), '-j', 'ACCEPT'],
    ['-A', 'OUTPUT', '-p', 'tcp', '-d', network.home, '--dport', String(TURN_TLS_PORT), '-j', 'ACCEPT'],
    ['-A', 'OUTPUT', '-j', 'DROP'],
  ];
  for (const rule of rules) {
    await inNamespace(network.names.student, 'iptables', rule);
  }
}

/** An HTTP GET from inside a namespace (requests to namespace addresses must never start in the root one). */
export async function fetchFrom(namespace, url, timeoutSeconds = 3) {
  return inNamespace(namespace, 'curl', ['-fsS', '-m', String(timeoutSeconds), url]);
}

/** True when a TCP connection to address:port can be opened from inside the namespace. */
export async function canConnect(namespace, address, port, protocol = 'tcp') {
  const probe = protocol === 'tcp'
    ? `exec 3<>/dev/tcp/${address}/${port}`
    : `exec 3<>/dev/udp/${address}/${port}`;
  try {
    await inNamespace(namespace, 'timeout', ['2', 'bash', '-c', probe]);
    return true;
  } catch {
    return false;
  }
}

function removeLeftoversOfDeadRuns() {
  const listed = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  for (const line of listed.split('\n')) {
    const match = line.match(new RegExp(`^(${PREFIX}(\\d+)-\\w+)`));
    if (match && !isAlive(Number(match[2]))) removeNamespace(match[1]);
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
