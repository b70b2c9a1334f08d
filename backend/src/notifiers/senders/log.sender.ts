import { Logger } from '@nestjs/common';
import type { Sender } from './sender';

const logger = new Logger('Notifications');

/** A structured warn line per message, for setups that ship logs to their own alerting. */
export const sendLog: Sender = async (message, target) => {
  const events = message.events.map(({ event, finding }) => ({
    event,
    severity: finding.severity,
    analyzerId: finding.analyzerId,
    instanceId: finding.instanceId,
    instanceName: finding.instanceName,
    findingId: finding.id,
    title: finding.title,
  }));
  logger.warn(
    { notification: { deliveryId: message.deliveryId, channel: target.channel.name, kind: message.kind, events } },
    message.kind === 'test' ? 'Notification test message' : `Notification: ${events.length} finding change(s)`,
  );
};
