import { webhookUrlProblem } from '@inspector/contracts';
import { postJson } from './http-post';
import { requireSecret, SendError, type SendTarget } from './sender';

/**
 * POSTs a JSON payload to an incoming webhook (Slack, Teams, Mattermost…), whose URL is the channel's credential:
 * the one place such a URL is revealed, checked again as it may come from an environment variable, then sent
 * through the host policy like any other webhook.
 */
export async function postToIncomingWebhook(payload: object, target: SendTarget): Promise<void> {
  const url = requireSecret(target).reveal();
  const problem = webhookUrlProblem(url);
  if (problem) throw new SendError(`the incoming webhook URL ${problem}`);
  await postJson(url, JSON.stringify(payload), {}, target);
}
