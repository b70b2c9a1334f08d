import type { Permission } from '@inspector/contracts';
import type { z } from 'zod';
import type { Principal } from '../../access/principal';
import type { ToolServices } from './tool-services';

/** What a tool's `run` is handed, once the registry has checked the caller (for `instance` tools, on that instance). */
export interface ToolContext {
  principal: Principal;
  services: ToolServices;
  /** The operator's query-text privacy setting; when false, no statement text may reach the result. */
  includeQueryText: boolean;
}

/**
 * Where `permission` must be held, as on the HTTP route showing the same data: on the instance named by the input's
 * `instanceId` (outside the caller's scope the instance is "not found"), on any instance (the tool filters per
 * instance itself, like the fleet board), or globally.
 */
export type ToolScope = 'instance' | 'anyInstance' | 'global';

/**
 * One read-only tool of the assistant (and, later, of the MCP server). It reads through the owning module's service,
 * never with SQL of its own, and no input is SQL: the registry checks the caller before `run` is reached.
 */
export interface AssistantTool<S extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  input: S;
  permission: Permission;
  scope: ToolScope;
  run(input: z.infer<S>, context: ToolContext): Promise<unknown>;
}

/** Keeps each tool's input typed while the registry holds them all. */
export function defineTool<S extends z.ZodObject>(tool: AssistantTool<S>): AssistantTool {
  return tool as unknown as AssistantTool;
}
