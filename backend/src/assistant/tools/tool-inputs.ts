import { z } from 'zod';

/** Inputs several tools share, described for the model. */
export const instanceId = z.string().min(1).max(36).describe('The instance id, as list_instances gives it');

export const range = {
  from: z.iso.datetime().optional().describe('Start of the range (ISO 8601); default: one hour before `to`'),
  to: z.iso.datetime().optional().describe('End of the range (ISO 8601); default: now'),
};
