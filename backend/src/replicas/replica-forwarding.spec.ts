import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/config';
import type { InstanceLeases } from './instance-leases';
import { ReplicaForwarding, UnreachableHolderException } from './replica-forwarding';
import { ReplicaHosts } from './replica-hosts';

type Received = { path: string; authorization?: string; forwarded?: string };

/** A replica that does not hold the instance, whose storage names `holderUrl` as the holder's address. */
function forwarding(holderUrl: string, allowedHosts: string[] = []): ReplicaForwarding {
  const leases = { shared: true, sharing: true, holds: () => false, holder: async () => ({ url: holderUrl }) } as unknown as InstanceLeases;
  return new ReplicaForwarding(leases, new ReplicaHosts({ replicas: { allowedHosts } } as unknown as AppConfig));
}

const collectNow = {
  method: 'POST',
  params: { id: 'i-1' },
  originalUrl: '/api/instances/i-1/collect',
  headers: { authorization: 'Bearer caller-token' },
  body: {},
};
const httpContext = { switchToHttp: () => ({ getRequest: () => collectNow }) } as unknown as ExecutionContext;
const answeredHere: CallHandler = { handle: () => of('answered by this replica') };

describe(ReplicaForwarding.name, () => {
  let holder: http.Server;
  let port = 0;
  const received: Received[] = [];

  beforeAll(async () => {
    holder = http.createServer((request, response) => {
      received.push({ path: request.url ?? '', authorization: request.headers.authorization, forwarded: request.headers['x-inspector-forwarded'] as string });
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ collectedBy: 'holder' }));
    });
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    port = (holder.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('passes a live view to the holder with the caller’s token and answers what the holder answered', async () => {
    received.length = 0;
    const answer = await lastValueFrom(await forwarding(`http://127.0.0.1:${port}`).intercept(httpContext, answeredHere));
    expect(answer).toEqual({ collectedBy: 'holder' });
    expect(received).toEqual([{ path: '/api/instances/i-1/collect', authorization: 'Bearer caller-token', forwarded: '1' }]);
  });

  it.each([
    ['an unspecified address, which reaches this very host', (at: number) => `http://0.0.0.0:${at}`, []],
    ['a link-local address (cloud metadata services)', (at: number) => `http://169.254.169.254:${at}`, []],
    ['a host REPLICA_ALLOWED_HOSTS leaves out', (at: number) => `http://127.0.0.1:${at}`, ['replicas.internal']],
  ])('never sends the caller’s token to %s: 503 naming the settings to check, not the address', async (_, holderUrl, allowedHosts) => {
    received.length = 0;
    const forwarded = forwarding(holderUrl(port), allowedHosts).intercept(httpContext, answeredHere);
    await expect(forwarded).rejects.toBeInstanceOf(UnreachableHolderException);
    const refusal = (await forwarded.catch((error: UnreachableHolderException) => error)) as UnreachableHolderException;
    expect(refusal.getStatus()).toBe(503);
    expect(refusal.message).toMatch(/REPLICA_URL and REPLICA_ALLOWED_HOSTS/);
    expect(refusal.message).not.toMatch(/0\.0\.0\.0|169\.254|127\.0\.0\.1/);
    expect(received).toEqual([]);
  });

  it('would otherwise have reached the holder through 0.0.0.0: the refusal above is the policy’s, not the network’s', async () => {
    received.length = 0;
    await fetch(`http://0.0.0.0:${port}/probe`);
    expect(received.map((request) => request.path)).toEqual(['/probe']);
  });
});
