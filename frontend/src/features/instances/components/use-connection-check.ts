import type { connectionTestResponseSchema, SecretInput, TlsInput } from '@inspector/contracts';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiRequestError } from '@/lib/api-client';
import { useTestConnectionChange } from '../api/test-connection-change';
import { useTestNewConnection } from '../api/test-new-connection';

export type ConnectionTestResult = z.infer<typeof connectionTestResponseSchema>;

/** The connection part of the form as the API would be sent it; absent parts are the stored ones (edit). */
export type ConnectionDraftBody = { connection?: SecretInput | undefined; tls?: TlsInput | null | undefined };

/**
 * What testing one version of the settings gave: a report, or a request that failed. A 400 means the settings are
 * refused as saving would refuse them (its field errors go to the fields); anything else means the test could not run.
 */
export type CheckOutcome = { key: string; result: ConnectionTestResult | null; error: Error | null };

/** What an outcome means for saving: `passed` saves at once, `warnings` and `failed` only by an explicit choice, `refused` not at all. */
export const verdictOf = (outcome: CheckOutcome | null): 'none' | 'passed' | 'warnings' | 'failed' | 'refused' => {
  if (!outcome) return 'none';
  if (outcome.error) return outcome.error instanceof ApiRequestError && outcome.error.status === 400 ? 'refused' : 'failed';
  if (!outcome.result?.ok) return 'failed';
  return outcome.result.warnings.length > 0 ? 'warnings' : 'passed';
};

/** Tests connection settings without saving them: a new instance's, or the changed ones of `instanceId`. */
export function useConnectionCheck(instanceId: string | undefined) {
  const testNew = useTestNewConnection();
  const testChange = useTestConnectionChange(instanceId ?? '');
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);
  const [testing, setTesting] = useState(false);

  const run = async (body: ConnectionDraftBody): Promise<CheckOutcome> => {
    const key = keyOf(body);
    setTesting(true);
    let next: CheckOutcome;
    try {
      // The form checks that a new instance has a connection before it tests; without one there is nothing to connect to.
      if (!instanceId && !body.connection) throw new Error('Enter the connection first');
      const result =
        body.connection && !instanceId
          ? await testNew.mutateAsync({ connection: body.connection, ...(body.tls ? { tls: body.tls } : {}) })
          : await testChange.mutateAsync(body);
      next = { key, result, error: null };
    } catch (error) {
      next = { key, result: null, error: error instanceof Error ? error : new Error(String(error)) };
    } finally {
      setTesting(false);
    }
    setOutcome(next);
    return next;
  };

  return {
    testing,
    run,
    /** The outcome for exactly these settings; one for settings since edited is stale and not shown. */
    outcomeFor: (body: ConnectionDraftBody) => (outcome && outcome.key === keyOf(body) ? outcome : null),
    hide: () => setOutcome(null),
  };
}

/** Settings compared by value, so editing a field and changing it back keeps the outcome. */
const keyOf = (body: ConnectionDraftBody) => JSON.stringify(body);
