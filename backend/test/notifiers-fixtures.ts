import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import type { Finding } from '@inspector/contracts';
import { SMTPServer } from 'smtp-server';

export interface ReceivedRequest {
  at: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpSink {
  url: string;
  received: ReceivedRequest[];
  close: () => Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1 (random port); `answer` decides the response, 204 by default. */
export async function startHttpSink(
  answer: (request: ReceivedRequest, response: http.ServerResponse) => void = (_, response) => response.writeHead(204).end(),
): Promise<HttpSink> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { at: Date.now(), method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A receiver that reads the request and never answers. */
export function startHangingSink(): Promise<HttpSink> {
  return startHttpSink(() => undefined);
}

/** A port that was just bound and released, so nothing listens on it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  /** The raw message with quoted-printable decoded and line ends as \n, for assertions on headers and body. */
  text: string;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  failedLogins: number;
  close: () => Promise<void>;
}

function decodeQuotedPrintable(raw: string): string {
  const bytes = raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n');
}

/** A real SMTP server in the test process, plain on loopback (no STARTTLS offered), accepting one user. */
export async function startSmtpSink(user: string, password: string): Promise<SmtpSink> {
  const sink: Omit<SmtpSink, 'port' | 'close'> = { received: [], failedLogins: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) return callback(null, { user });
      sink.failedLogins++;
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        sink.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: session.user as string | undefined,
          text: decodeQuotedPrintable(Buffer.concat(chunks).toString('latin1')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(sink, { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

let findingCounter = 0;

/** A finding as analysis reports it to listeners. */
export function finding(instanceId: string, overrides: Partial<Finding> = {}): Finding {
  const id = `finding-${++findingCounter}`;
  return {
    id,
    fingerprint: `fp-${id}`,
    analyzerId: 'unused-index',
    category: 'indexes',
    severity: 'warning',
    instanceId,
    instanceName: 'shop',
    objects: { schema: 'public', table: 'orders', index: `orders_${findingCounter}_idx` },
    title: `Unused index orders_${findingCounter}_idx`,
    evidence: { scans: 0, sizeMb: 120 },
    recommendation: `DROP INDEX CONCURRENTLY public.orders_${findingCounter}_idx;`,
    status: 'open',
    snoozedUntil: null,
    statusChangedBy: null,
    statusChangedAt: null,
    firstSeenAt: new Date().toISOString(),
    lastSeenAt: new Date().toISOString(),
    resolvedAt: null,
    ...overrides,
  };
}

/** A TCP service that greets every connection with `banner` and ignores what it is sent (an SSH server, say). */
export async function startBannerServer(banner: string): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(banner);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An SMTP server that accepts the connection and refuses every sender with `code` and a reply text of its own. */
export async function startRefusingSmtp(code: number, text: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      callback(Object.assign(new Error(text), { responseCode: code }));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
