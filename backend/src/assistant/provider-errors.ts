import { BadGatewayException, GatewayTimeoutException, type HttpException } from '@nestjs/common';
import { APICallError } from 'ai';
import { failureReason, FetchTimeoutError } from '../net';

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && chain.length < 10; current = (current as { cause?: unknown }).cause) {
    chain.push(current);
  }
  return chain;
}

const BY_STATUS: Record<number, string> = {
  400: 'refused the request (HTTP 400): check the model name',
  401: 'refused the API key (HTTP 401)',
  403: 'refused the API key (HTTP 403)',
  404: 'does not know this model or endpoint (HTTP 404): check the base URL and model',
  429: 'is rate limiting or out of quota (HTTP 429)',
};

/**
 * What went wrong talking to a provider, in a sentence of ours: the provider's own error text is never passed on, as
 * some vendors echo part of the key in it. A timeout is a 504, anything else a 502.
 */
export function providerFailure(error: unknown, providerName: string): HttpException {
  const chain = causes(error);
  const timeout = chain.find((cause) => cause instanceof FetchTimeoutError || (cause instanceof Error && ['TimeoutError', 'AbortError'].includes(cause.name)));
  if (timeout) {
    const detail = timeout instanceof FetchTimeoutError ? timeout.message : 'no answer in time';
    return new GatewayTimeoutException(`The assistant provider ${providerName} timed out: ${detail}`);
  }
  const call = chain.find((cause): cause is APICallError => APICallError.isInstance(cause));
  if (call?.statusCode !== undefined) {
    const reason = BY_STATUS[call.statusCode] ?? `answered HTTP ${call.statusCode}`;
    return new BadGatewayException(`The assistant provider ${providerName} ${reason}`);
  }
  const network = chain.find((cause) => cause instanceof Error && (cause.name === 'NetFailure' || typeof (cause as { code?: unknown }).code === 'string'));
  const reason = network ? failureReason(network) : 'gave an answer Inspector could not use';
  return new BadGatewayException(`The assistant provider ${providerName} failed: ${reason}`);
}
