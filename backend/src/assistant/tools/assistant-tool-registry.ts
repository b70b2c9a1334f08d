import { Injectable, Logger } from '@nestjs/common';
import { grantsImply } from '@inspector/contracts';
import { assignmentCovers, canOnInstance, globalGrants, grantsAnywhere } from '../../access/access-policy';
import type { ClientContext, Principal } from '../../access/principal';
import { AuditService } from '../../audit/audit.service';
import type { InstanceSummary } from '../../instances/instance-directory';
import type { AssistantTool } from './assistant-tool';
import { analyzerDescriptions, findings } from './findings-tools';
import { instanceStatus, listInstances, metricSeries } from './instance-tools';
import { pluginTools } from './plugin-tools';
import { withoutQueryText } from './query-text';
import { ToolServices } from './tool-services';
import { activity, serverSettings, statementHistory, tablesAndIndexes, topStatements } from './workload-tools';

/** Every tool, read-only by construction: each reads through a module's service and none takes SQL. */
export const ASSISTANT_TOOLS: readonly AssistantTool[] = Object.freeze([
  listInstances,
  instanceStatus,
  findings,
  topStatements,
  statementHistory,
  activity,
  tablesAndIndexes,
  serverSettings,
  metricSeries,
  analyzerDescriptions,
]);

export type ToolOutcome = { ok: true; result: unknown } | { ok: false; error: string };

/** Through what the principal asked, for the audit log. */
export interface ToolOrigin {
  via: 'assistant' | 'mcp';
  client?: ClientContext | null;
}

const NOT_FOUND = 'instance not found';

/**
 * The assistant's tools as any client sees them (the chat API now, an MCP server later): `list` offers what the
 * principal may call, `call` checks the principal exactly as the HTTP route for the same data does, runs the tool,
 * applies the query-text privacy setting and audits the call. A refusal is an outcome, not an exception, so the
 * model reads it as a tool result.
 */
@Injectable()
export class AssistantToolRegistry {
  private readonly logger = new Logger('Assistant');

  constructor(
    private readonly services: ToolServices,
    private readonly audit: AuditService,
  ) {}

  list(principal: Principal): AssistantTool[] {
    return [...ASSISTANT_TOOLS, ...pluginTools(this.services.plugins)].filter((tool) =>
      grantsImply(tool.scope === 'global' ? globalGrants(principal) : grantsAnywhere(principal), tool.permission),
    );
  }

  async call(name: string, input: unknown, principal: Principal, origin: ToolOrigin): Promise<ToolOutcome> {
    const { instance, outcome } = await this.attempt(name, input, principal);
    await this.audit.record({
      action: 'assistant.tool.call',
      outcome: outcome.ok ? 'success' : 'failure',
      actor: principal,
      client: origin.client ?? null,
      target: instance ? { type: 'instance', id: instance.id } : null,
      // The name comes from the model: capped like any client text.
      details: { tool: name.slice(0, 64), via: origin.via, ...(outcome.ok ? {} : { error: outcome.error }) },
    });
    return outcome;
  }

  private async attempt(name: string, input: unknown, principal: Principal): Promise<{ instance: InstanceSummary | null; outcome: ToolOutcome }> {
    const tool = this.list(principal).find((candidate) => candidate.name === name);
    if (!tool) return { instance: null, outcome: { ok: false, error: `no tool named ${name.slice(0, 64)} is available to you` } };
    const parsed = tool.input.safeParse(input ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
      return { instance: null, outcome: { ok: false, error: `invalid input: ${problems}` } };
    }
    if (tool.scope !== 'instance') return { instance: null, outcome: await this.run(tool, parsed.data, principal) };
    // As the route guard does: outside the caller's scope the instance does not exist; inside it, the permission decides.
    const { instanceId } = parsed.data as { instanceId: string };
    const instance = await this.services.directory.summary(instanceId);
    const inScope = instance !== null && (principal.emergency || principal.assignments.some((assignment) => assignmentCovers(assignment, instance)));
    if (!instance || !inScope) return { instance: null, outcome: { ok: false, error: NOT_FOUND } };
    if (!canOnInstance(principal, tool.permission, instance))
      return { instance, outcome: { ok: false, error: `you lack ${tool.permission} on this instance` } };
    return { instance, outcome: await this.run(tool, parsed.data, principal) };
  }

  private async run(tool: AssistantTool, input: Record<string, unknown>, principal: Principal): Promise<ToolOutcome> {
    const { includeQueryText } = await this.services.collection.get();
    try {
      const result = await tool.run(input, { principal, services: this.services, includeQueryText });
      return { ok: true, result: includeQueryText ? result : withoutQueryText(result) };
    } catch (error) {
      // A service's own message may name storage details: the operator's log gets it, the model a fixed sentence.
      this.logger.warn(`tool ${tool.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, error: 'the tool failed to read the data' };
    }
  }
}
