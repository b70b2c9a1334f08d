import { Controller, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags, type SchemaObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { BearerChallengeFilter } from './bearer-challenge.filter';
import { McpService } from './mcp.service';

/** The SDK validates each message (JSON-RPC, then each tool's zod input); the document only names the envelope. */
const JSON_RPC_MESSAGE: SchemaObject = {
  type: 'object',
  description: 'A JSON-RPC 2.0 message of the Model Context Protocol',
  required: ['jsonrpc'],
  properties: { jsonrpc: { type: 'string', enum: ['2.0'] }, id: { oneOf: [{ type: 'string' }, { type: 'number' }] }, method: { type: 'string' } },
};

@ApiTags('mcp')
@Controller('mcp')
@UseFilters(BearerChallengeFilter)
export class McpController {
  constructor(private readonly mcp: McpService) {}

  @Post()
  @RequirePermission('assistant:read', { anyInstance: true })
  @ApiOperation({
    summary:
      "Model Context Protocol, Streamable HTTP, stateless: the assistant's read-only tools for MCP clients. Personal access tokens only (a session token gets 401); GET and DELETE answer 405",
  })
  @ApiBody({ schema: JSON_RPC_MESSAGE })
  @ApiOkResponse({ description: 'The JSON-RPC response', schema: JSON_RPC_MESSAGE })
  @ApiAcceptedResponse({ description: 'A notification or response from the client was accepted (no body)' })
  serve(@CurrentPrincipal() principal: Principal, @Client() client: ClientContext, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.mcp.serve(principal, client, request, response);
  }
}
