import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useInstance } from '@/features/instances/api/get-instance';

/**
 * The section's page for the instance's engine. Nothing until the instance arrives: the layout above shows its
 * loading and error states, and drawing PostgreSQL's page first would ask a MySQL instance for what it lacks.
 */
export function ByEngine({ postgres, mysql }: { postgres: ReactNode; mysql: ReactNode }) {
  const { id = '' } = useParams();
  const { data: instance } = useInstance(id);
  if (!instance) return null;
  return instance.engine === 'mysql' ? mysql : postgres;
}
