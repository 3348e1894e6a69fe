/**
 * A local port that is free now and stays out of the way of outgoing connections, for a server
 * whose URL must be known before it listens (the tests' apps, the container smoke): chosen at
 * random below the kernel's ephemeral range (32768 and up by default on Linux), then checked by
 * binding it. A port from `listen(0)` is itself ephemeral: between closing it and the server's own
 * listen, any outgoing connection of the machine (a database client, an HTTP request) can be given
 * it, and the server fails with EADDRINUSE (the container smoke in CI and a test did, once each).
 *
 *   node scripts/free-port.mjs      prints one
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';

/** The first port the kernel hands to outgoing connections (Linux; 32768 elsewhere). */
function ephemeralLow() {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

function bindable(port, host) {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port on `host` that nothing listens on, below the ephemeral range. */
export async function freePort(host = '127.0.0.1') {
  const ceiling = Math.min(ephemeralLow(), 32768);
  const floor = Math.max(1024, Math.min(20000, ceiling - 4000));
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = floor + Math.floor(Math.random() * (ceiling - floor));
    if (await bindable(port, host)) return port;
  }
  throw new Error(`no free port between ${floor} and ${ceiling} on ${host}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(String(await freePort()));
