import { Logger } from '@nestjs/common';
import { z } from 'zod';
import type { PluginRuntimeService } from '../../plugins/plugin-runtime.service';
import { type AssistantTool, defineTool } from './assistant-tool';
import { instanceId } from './tool-inputs';

const logger = new Logger('Assistant');
/** What providers accept as a tool name. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const converted = new WeakMap<object, z.ZodObject | null>();

/**
 * The tools of running plugins, offered like the built-in ones: `plugin_<plugin>_<tool>`, about one instance (the
 * plugin's queries run on its monitoring connection), to those who may see its live sessions, since a plugin's
 * declared SQL reads the server as it is now. The plugin's JSON Schema becomes the input check, with `instanceId` added.
 */
export function pluginTools(runtime: Pick<PluginRuntimeService, 'tools' | 'invoke'>): AssistantTool[] {
  return runtime.tools().flatMap(({ plugin, name, description, parameters }) => {
    const toolName = `plugin_${plugin}_${name}`;
    const input = inputOf(parameters);
    if (!TOOL_NAME.test(toolName) || !input) return [];
    return [
      defineTool({
        name: toolName,
        description: `${description} (from the ${plugin} plugin)`,
        input: input.extend({ instanceId }),
        permission: 'monitoring.activity:read',
        scope: 'instance',
        run: ({ instanceId: id, ...args }) => runtime.invoke(plugin, 'tools', name, args, String(id)),
      }),
    ];
  });
}

/** The plugin's parameters as a zod object, converted once; a schema that is not an object offers no tool. */
function inputOf(parameters: Record<string, unknown>): z.ZodObject | null {
  let input = converted.get(parameters);
  if (input !== undefined) return input;
  try {
    const schema = z.fromJSONSchema(parameters as Parameters<typeof z.fromJSONSchema>[0]);
    input = schema instanceof z.ZodObject ? schema : null;
  } catch (error) {
    logger.warn(`a plugin tool's parameters are not a usable JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
    input = null;
  }
  converted.set(parameters, input);
  return input;
}
