/**
 * A TCP path to a server (PostgreSQL in the tests) that can go silent: it carries bytes both ways
 * until `goSilent()`; from then on the connections open at that moment stay open but carry nothing
 * more, either way, and nobody is told. That is what a NAT or a load balancer does when it forgets
 * an idle flow, or a database host that vanished in a failover: no FIN, no RST, just silence.
 * Connections opened afterwards are carried as before (the path works; only the old flows were lost),
 * unless the network went silent for them too (`{ newConnectionsToo: true }`: a server address that
 * no longer answers, as during a failover before the name points at the new server) until `heal()`.
 *
 * It can also drop PostgreSQL's notifications on their way back (`dropNotifications()`), as a
 * pooler in transaction mode does: every statement answered, no NOTIFY ever delivered. For that it
 * reads the server's messages (type byte, length), so the path carries PostgreSQL without TLS only.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SilentNetwork {
  /** Where to connect instead of the server. */
  port: number;
  /** The connections open now go silent, for good; with newConnectionsToo, those opened until heal() as well. */
  goSilent(o?: { newConnectionsToo?: boolean }): void;
  /** Connections opened from now on are carried again (the silent ones stay silent). */
  heal(): void;
  /** From now on (until `deliverNotifications()`), no NotificationResponse reaches any client. */
  dropNotifications(): void;
  deliverNotifications(): void;
  close(): Promise<void>;
}

/** PostgreSQL's NotificationResponse message type ('A'). */
const NOTIFICATION_RESPONSE = 0x41;

/**
 * Frames a byte stream of PostgreSQL backend messages (type byte, then a length that counts itself
 * and the body) and passes on the whole messages `keep` accepts; a message split across chunks waits
 * for its rest.
 */
function messagesOf(keep: (type: number) => boolean): (chunk: Buffer) => Buffer {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const kept: Buffer[] = [];
    let at = 0;
    while (pending.length - at >= 5) {
      const end = at + 1 + pending.readUInt32BE(at + 1);
      if (end > pending.length) break;
      if (keep(pending[at]!)) kept.push(pending.subarray(at, end));
      at = end;
    }
    pending = pending.subarray(at);
    return Buffer.concat(kept);
  };
}

export async function startSilentNetwork(target: { host: string; port: number }): Promise<SilentNetwork> {
  const flows = new Set<{ client: Socket; server: Socket; silent: boolean }>();
  let newConnectionsSilent = false;
  let droppingNotifications = false;
  const listener = createServer((client) => {
    const server = connect(target.port, target.host);
    const flow = { client, server, silent: newConnectionsSilent };
    flows.add(flow);
    client.on('data', (bytes) => {
      if (!flow.silent) server.write(bytes);
    });
    const fromServer = messagesOf((type) => !(droppingNotifications && type === NOTIFICATION_RESPONSE));
    server.on('data', (bytes) => {
      if (!flow.silent) client.write(fromServer(bytes));
    });
    const end = () => {
      flows.delete(flow);
      client.destroy();
      server.destroy();
    };
    for (const socket of [client, server]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return {
    port: (listener.address() as AddressInfo).port,
    goSilent(o = {}) {
      for (const flow of flows) flow.silent = true;
      if (o.newConnectionsToo) newConnectionsSilent = true;
    },
    heal() {
      newConnectionsSilent = false;
    },
    dropNotifications() {
      droppingNotifications = true;
    },
    deliverNotifications() {
      droppingNotifications = false;
    },
    async close() {
      for (const flow of flows) {
        flow.client.destroy();
        flow.server.destroy();
      }
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}

/** A silent-capable path to the PostgreSQL server of `databaseUrl`, and that URL rewritten to go through it. */
export async function silentPathToDatabase(databaseUrl: string): Promise<{ network: SilentNetwork; url: string }> {
  const direct = new URL(databaseUrl);
  const network = await startSilentNetwork({ host: direct.hostname, port: Number(direct.port || 5432) });
  const through = new URL(databaseUrl);
  through.host = `127.0.0.1:${network.port}`;
  return { network, url: through.toString() };
}
