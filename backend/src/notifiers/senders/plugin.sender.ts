import type { PluginNotification } from '@inspector/plugin-sdk';
import { PluginCallError, PluginUnavailableError } from '../../plugins/sandbox/plugin-sandbox';
import type { NotificationEvent } from '../notification';
import { SendError, type Sender } from './sender';

/**
 * Hands each finding change to the plugin's notifier, one call each, in order. What the plugin's code said when it
 * failed stays on the Plugins page: the delivery log gets a fixed phrase, like every other channel's.
 */
export const sendPlugin: Sender = async (message, target) => {
  const { plugin, notifier } = target.channel.settings as { plugin: string; notifier: string };
  const notifications: PluginNotification[] =
    message.kind === 'test' ? [{ event: 'test', instance: null, finding: null }] : message.events.map((event) => notificationOf(event));
  for (const notification of notifications) {
    try {
      await target.plugins.notify(plugin, notifier, notification);
    } catch (error) {
      if (error instanceof PluginUnavailableError) throw new SendError(`plugin "${plugin}" is not running or has no notifier "${notifier}"`);
      if (error instanceof PluginCallError) throw new SendError(`the notifier of plugin "${plugin}" failed (its error is on the Plugins page)`);
      throw error;
    }
  }
};

function notificationOf({ event, finding }: NotificationEvent): PluginNotification {
  return {
    event,
    instance: finding.instanceName,
    finding: { id: finding.id, analyzerId: finding.analyzerId, severity: finding.severity, title: finding.title, detail: finding.recommendation },
  };
}
