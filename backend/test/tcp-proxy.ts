import { createServer, type Server, Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Stops relaying the server's replies, like a hung server. */
  freeze: (frozen: boolean) => void;
  /** Holds the server's replies back and, on release, delivers them: a slow server rather than a hung one. */
  hold: (held: boolean) => void;
  /** Closes the listener and every relayed connection: the server is gone (connection refused). */
  stop: () => Promise<void>;
  /** Listens again on the same port: the server is back. */
  restart: () => Promise<void>;
}

/** A TCP relay on 127.0.0.1 to the local PostgreSQL, so tests can make a monitored server hang, vanish and return. */
export async function startTcpProxy(targetPort = 5432): Promise<TcpProxy> {
  let frozen = false;
  let held = false;
  const releases: Array<() => void> = [];
  const sockets = new Set<Socket>();
  const relay = (downstream: Socket) => {
    const upstream = new Socket();
    upstream.connect(targetPort, '127.0.0.1');
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        downstream.destroy();
        upstream.destroy();
      });
    }
    downstream.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (held) releases.push(() => downstream.write(chunk));
      else if (!frozen) downstream.write(chunk);
    });
  };
  let server: Server = createServer(relay);
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  await listen(0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  const port = address.port;
  return {
    port,
    freeze: (value) => {
      frozen = value;
    },
    hold: (value) => {
      held = value;
      if (!held) for (const release of releases.splice(0)) release();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
    restart: async () => {
      server = createServer(relay);
      await listen(port);
    },
  };
}
