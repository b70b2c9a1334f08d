import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';

/** A loopback listener that counts the connections it accepted, for "never reached the server" assertions. */
export interface FakeServer {
  port: number;
  connections: () => number;
  close: () => Promise<void>;
}

async function listen(server: Server): Promise<FakeServer> {
  let connections = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake server has no port');
  return {
    port: address.port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts connections and does whatever `onConnection` says (nothing: a silent service). */
export function startTcpServer(onConnection: (socket: Socket) => void = () => undefined): Promise<FakeServer> {
  return listen(createServer(onConnection));
}

/** A service that greets first, as SSH and SMTP do, and keeps the connection open. */
export function startBannerServer(banner: string): Promise<FakeServer> {
  return startTcpServer((socket) => socket.write(banner));
}

/** A web server answering every request (and every unparsable one) with `body`. */
export function startHttpServer(body: string): Promise<FakeServer> {
  const server = createHttpServer((_request, response) => response.end(body));
  server.on('clientError', (_error, socket) => socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Length: ${body.length}\r\n\r\n${body}`));
  return listen(server);
}

/**
 * Speaks just enough PostgreSQL to refuse: declines TLS ('N') and answers the startup message with a FATAL
 * ErrorResponse carrying `message` under SQLSTATE 28000.
 */
export function startPostgresErrorServer(message: string): Promise<FakeServer> {
  return startTcpServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      const sslRequest = chunk.length === 8 && chunk.readUInt32BE(4) === 80877103;
      if (sslRequest) {
        socket.write('N');
        return;
      }
      const fields = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', '28000'), field('M', message), Buffer.from([0])]);
      const header = Buffer.alloc(5);
      header.write('E', 0);
      header.writeUInt32BE(fields.length + 4, 1);
      socket.end(Buffer.concat([header, fields]));
    });
  });
}

function field(code: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(code), Buffer.from(value, 'utf8'), Buffer.from([0])]);
}
