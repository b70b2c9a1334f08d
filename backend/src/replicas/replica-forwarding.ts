import { HttpException, Injectable, Logger, ServiceUnavailableException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { type Observable, of } from 'rxjs';
import { INSPECTOR_USER_AGENT } from '../config/version';
import { HttpExceptionWithHeaders } from '../http/api-exception.filter';
import { checkedFetch, failureReason, NetFailure } from '../net';
import { HeldElsewhereException, InstanceLeases } from './instance-leases';
import { ReplicaHosts } from './replica-hosts';

/** Marks a request one replica passed to another: the receiver answers it itself, so a request never goes round. */
const FORWARDED_HEADER = 'x-inspector-forwarded';
/** Longer than a full collect-now (every collector, each bounded by the statement timeout). */
const FORWARD_TIMEOUT_MS = 120_000;

/** The holder's stored address is one the replica host policy refuses or DNS cannot resolve. */
export class UnreachableHolderException extends ServiceUnavailableException {
  constructor() {
    super('The replica monitoring this instance is at an address this replica may not reach; an admin can check REPLICA_URL and REPLICA_ALLOWED_HOSTS');
  }
}

/**
 * Live views of an instance (test its connection, collect now) need the instance's one monitoring connection, which
 * only the replica holding the instance may open. Another replica passes the request on to the holder's REPLICA_URL
 * with the caller's own Authorization header (the holder checks access again) and answers what the holder answered.
 * The URL comes from the holder's row in storage, which only replicas write; it is still a place a bearer token goes,
 * so it passes the replica host policy (`ReplicaHosts`: REPLICA_ALLOWED_HOSTS, never link-local, unspecified or
 * multicast addresses) and the request goes to the address that policy checked, following no redirect.
 */
@Injectable()
export class ReplicaForwarding implements NestInterceptor {
  private readonly logger = new Logger('ReplicaForwarding');
  readonly #fetch: typeof fetch;

  constructor(
    private readonly leases: InstanceLeases,
    hosts: ReplicaHosts,
  ) {
    this.#fetch = checkedFetch(hosts, FORWARD_TIMEOUT_MS, INSPECTOR_USER_AGENT);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const instanceId = String(request.params.id);
    const local = !this.leases.shared || (this.leases.sharing && this.leases.holds(instanceId));
    if (local || request.headers[FORWARDED_HEADER] !== undefined) return next.handle();
    const holder = await this.leases.holder(instanceId);
    // Nobody collects it (only replicas with collection off run): this replica's own connection is the only one.
    if (!holder && !this.leases.sharing) return next.handle();
    if (!holder?.url) throw new HeldElsewhereException();
    const response = await this.#fetch(`${holder.url}${request.originalUrl}`, {
      method: request.method,
      headers: {
        ...(request.headers.authorization ? { Authorization: request.headers.authorization } : {}),
        'Content-Type': 'application/json',
        [FORWARDED_HEADER]: '1',
      },
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : JSON.stringify(request.body ?? {}),
    }).catch((error: unknown) => {
      if (!(error instanceof NetFailure)) throw new HeldElsewhereException();
      // Refused or unresolvable: retrying will not help until an admin fixes the address. Why goes to the log only, so
      // callers do not learn the holder's address.
      this.logger.warn({ instanceId, reason: failureReason(error) }, 'Live view not forwarded to the holder');
      throw new UnreachableHolderException();
    });
    // The holder never redirects: whatever answers with one is not a replica.
    if (response.status >= 300 && response.status < 400) throw new HeldElsewhereException();
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    const retryAfter = response.headers.get('retry-after');
    // A throttled or busy holder's Retry-After reaches the caller too.
    if (response.status >= 400 && retryAfter) throw new HttpExceptionWithHeaders(String(body.message ?? ''), response.status, { 'Retry-After': retryAfter });
    if (response.status >= 400) throw new HttpException(body, response.status);
    return of(body);
  }
}
