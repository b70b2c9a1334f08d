// Sample Inspector plugin (docs/plugins.md): one CommonJS file, run in a sandbox that provides only the SDK.
const { definePlugin } = require('@inspector/plugin-sdk');

const DEFAULT_THRESHOLD_SECONDS = 300;

async function readIdleTransactions(context) {
  const [row] = await context.query('idle_in_transaction');
  return { sessions: Number(row.sessions), longestSeconds: Number(row.longest_seconds) };
}

module.exports = definePlugin({
  collectors: {
    idle_transactions: {
      metrics: [
        { key: 'idle_in_transaction_sessions', label: 'Sessions idle in a transaction', unit: 'count' },
        { key: 'idle_in_transaction_longest_seconds', label: 'Longest idle transaction', unit: 'seconds' },
      ],
      async collect(context) {
        const idle = await readIdleTransactions(context);
        return [
          { metric: 'idle_in_transaction_sessions', value: idle.sessions },
          { metric: 'idle_in_transaction_longest_seconds', value: idle.longestSeconds },
        ];
      },
    },
  },
  analyzers: {
    long_idle_transactions: {
      analyze(context, input) {
        const threshold = Number(context.settings.threshold_seconds ?? DEFAULT_THRESHOLD_SECONDS);
        const longest = input.samples.find((sample) => sample.metric === 'idle_in_transaction_longest_seconds');
        if (!longest || longest.value <= threshold) return [];
        return [
          {
            key: 'long-idle-transaction',
            severity: longest.value > threshold * 4 ? 'critical' : 'warning',
            title: 'A session has been idle in a transaction for too long',
            detail: `The oldest has been idle for ${Math.round(longest.value)} s (threshold ${threshold} s): it holds its locks and keeps vacuum from cleaning up. End it, or set idle_in_transaction_session_timeout.`,
          },
        ];
      },
    },
  },
  notifiers: {
    log_file: {
      // One JSON line per finding change in notifications.log of the plugin's data folder, which the host writes.
      async notify(context, notification) {
        const line = { at: new Date().toISOString(), event: notification.event, instance: notification.instance, finding: notification.finding };
        await context.files.append('notifications.log', JSON.stringify(line) + '\n');
      },
    },
  },
  tools: {
    idle_transactions_now: {
      description: 'How many sessions are idle inside an open transaction right now, and for how long the oldest has been',
      parameters: { type: 'object', properties: {}, additionalProperties: false },
      call: (context) => readIdleTransactions(context),
    },
  },
});
