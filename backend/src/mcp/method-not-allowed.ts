import type { Request, Response } from 'express';

/**
 * GET (a server-initiated event stream) and DELETE (ending a session) on the MCP endpoint: this server is stateless
 * and sends nothing on its own, so both answer 405 with a JSON-RPC error, as the protocol allows and clients expect.
 * Not routes: they give nothing to anyone, so there is no access to decide and nothing for the API description.
 */
export function answerMethodNotAllowed(_request: Request, response: Response): void {
  response
    .status(405)
    .set('Allow', 'POST')
    .json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP server is stateless; send requests with POST.' }, id: null });
}
