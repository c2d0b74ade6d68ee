// Every process and namespace the e2e run creates is registered here, so that teardown can end exactly
// those (by PID, never by name), on success, on failure, on Ctrl-C and when Node exits unexpectedly.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Processes still running, by name (a restarted service keeps its name). */
const processes = new Map();
/** Namespaces created by this run, in creation order. */
const namespaces = [];
/** Temporary directories of this run (keys, data, certificate), removed last. */
const directories = [];
let tornDown = false;

/** Runs a short command and returns its stdout; throws with stderr on a non-zero exit. */
export async function run(command, args, options = {}) {
  const { stdout } = await execFileAsync(command, args, { maxBuffer: 16 * 1024 * 1024, ...options });
  return stdout;
}

/** Runs a command inside a network namespace. */
export function inNamespace(namespace, command, args, options = {}) {
  return run('ip', ['netns', 'exec', namespace, command, ...args], options);
}

/**
 * Starts a long-running process inside a namespace (`ip netns exec` execs, so the PID is the program's own),
 * with stdout and stderr appended to `log`.
 */
export function startProcess(name, namespace, command, args, { env = {}, cwd, log }) {
  const fd = openSync(log, 'a');
  const argv = namespace ? ['netns', 'exec', namespace, command, ...args] : args;
  const child = spawn(namespace ? 'ip' : command, argv, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const entry = { name, pid: child.pid, child, exited: false, exitCode: null };
  child.on('exit', (code, signal) => {
    entry.exited = true;
    entry.exitCode = code ?? signal;
  });
  processes.set(name, entry);
  return entry;
}

/** The process registered under `name`, if it is still running. */
export function processNamed(name) {
  const entry = processes.get(name);
  return entry && !entry.exited ? entry : undefined;
}

/** Kills a process at once (SIGKILL), the way a crash or an OOM kill ends it, and waits for it to be gone. */
export async function killProcess(name) {
  const entry = processes.get(name);
  if (!entry || entry.exited) throw new Error(`${name} is not running`);
  entry.child.kill('SIGKILL');
  await waitForExit(entry, 10_000);
  processes.delete(name);
}

/** Asks a process to stop (SIGTERM), and kills it if it has not stopped within `graceMs`. */
export async function stopProcess(name, graceMs = 5_000) {
  const entry = processes.get(name);
  if (!entry) return;
  if (!entry.exited) {
    entry.child.kill('SIGTERM');
    if (!(await waitForExit(entry, graceMs))) {
      entry.child.kill('SIGKILL');
      await waitForExit(entry, 5_000);
    }
  }
  processes.delete(name);
}

function waitForExit(entry, timeoutMs) {
  if (entry.exited) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    entry.child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Remembers a namespace so that teardown removes it (and ends anything still running inside it). */
export function registerNamespace(name) {
  namespaces.push(name);
}

/** Remembers a temporary directory so that teardown removes it. */
export function registerDirectory(path) {
  directories.push(path);
}

/** Stops every process (newest first, gracefully), then removes the namespaces. Safe to call twice. */
export async function teardown() {
  if (tornDown) return;
  for (const name of [...processes.keys()].reverse()) {
    await stopProcess(name);
  }
  teardownNow();
}

/**
 * The synchronous last resort (also run from process 'exit'): SIGKILL for every registered PID, then for any
 * PID still inside one of our namespaces (only this run's processes live there), then delete the namespaces and
 * the run's temporary directories.
 */
export function teardownNow() {
  if (tornDown) return;
  tornDown = true;
  for (const entry of processes.values()) {
    if (!entry.exited) {
      try {
        process.kill(entry.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  processes.clear();
  for (const namespace of [...namespaces].reverse()) {
    removeNamespace(namespace);
  }
  namespaces.length = 0;
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
}

/** Kills what still runs in a namespace and deletes it; used for this run and for leftovers of dead runs. */
export function removeNamespace(namespace) {
  for (const pid of pidsIn(namespace)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  try {
    execFileSync('ip', ['netns', 'del', namespace], { stdio: 'ignore' });
  } catch {
    // Already removed.
  }
}

function pidsIn(namespace) {
  try {
    return execFileSync('ip', ['netns', 'pids', namespace], { encoding: 'utf8' })
      .split('\n').map((line) => Number(line.trim())).filter((pid) => pid > 0);
  } catch {
    return [];
  }
}

process.on('exit', teardownNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    teardownNow();
    process.exit(130);
  });
}
