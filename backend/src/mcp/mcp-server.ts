import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ClientContext, Principal } from '../access/principal';
import type { AssistantToolRegistry, ToolOutcome } from '../assistant/tools/assistant-tool-registry';
import { APP_VERSION } from '../config/version';

const INSTRUCTIONS =
  "Read-only tools over Inspector's collected PostgreSQL monitoring data. Start with list_instances: the other per-instance tools take its ids.";

/** A registry outcome as MCP tool content: the result as JSON text, or the refusal as an error the model can read. */
function toolResult(outcome: ToolOutcome): CallToolResult {
  if (!outcome.ok) return { content: [{ type: 'text', text: outcome.error }], isError: true };
  return { content: [{ type: 'text', text: JSON.stringify(outcome.result) }] };
}

/**
 * An MCP server for one request of one principal: it offers exactly the registry's tools this principal may call,
 * and each call goes back through the registry, which checks permission and instance scope and audits it.
 */
export function mcpServerFor(registry: AssistantToolRegistry, principal: Principal, client: ClientContext): McpServer {
  const server = new McpServer({ name: 'inspector', version: APP_VERSION }, { instructions: INSTRUCTIONS });
  for (const tool of registry.list(principal)) {
    server.registerTool(
      tool.name,
      { description: tool.description, inputSchema: tool.input, annotations: { readOnlyHint: true, openWorldHint: false } },
      async (input) => toolResult(await registry.call(tool.name, input, principal, { via: 'mcp', client })),
    );
  }
  return server;
}
