import { Injectable, UnauthorizedException } from '@nestjs/common';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Request, Response } from 'express';
import type { ClientContext, Principal } from '../access/principal';
import { AssistantToolRegistry } from '../assistant/tools/assistant-tool-registry';
import { mcpServerFor } from './mcp-server';

const SESSION_REFUSED = 'MCP takes a personal access token (Authorization: Bearer ins_pat_…), not a browser session; create one under Access tokens';

/**
 * Serves one MCP request, statelessly: a fresh server and transport per POST, closed with the response, so nothing
 * outlives the request and every call is checked against the token as it is at that moment.
 */
@Injectable()
export class McpService {
  constructor(private readonly registry: AssistantToolRegistry) {}

  async serve(principal: Principal, client: ClientContext, request: Request, response: Response): Promise<void> {
    // A session token lives in a browser; an agent configured with one would hold a user's whole session in its config.
    if (principal.accessTokenId === undefined) throw new UnauthorizedException(SESSION_REFUSED);
    const server = mcpServerFor(this.registry, principal, client);
    // Our tools send no progress notifications, so each request gets one JSON answer rather than an event stream.
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    // The transport answers its own failures (JSON-RPC errors, or 500 once the answer has started).
    await transport.handleRequest(request, response, request.body);
  }
}
