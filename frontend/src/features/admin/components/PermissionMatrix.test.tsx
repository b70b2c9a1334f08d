import type { Permission } from '@inspector/contracts';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { minimalGrants } from '@/lib/permissions';
import { PermissionMatrix } from './PermissionMatrix';

function Editable({ initial = [], canGrant }: { initial?: Permission[]; canGrant?: (permission: Permission) => boolean }) {
  const [grants, setGrants] = useState<Permission[]>(initial);
  return (
    <>
      <PermissionMatrix value={grants} onChange={setGrants} canGrant={canGrant} />
      <output>{minimalGrants(grants).join(' ')}</output>
    </>
  );
}

// By label, not by role: computing accessible names over the whole matrix is slow in jsdom.
const box = (name: string | RegExp) => screen.getByLabelText(name);

describe('PermissionMatrix', () => {
  it('has a row per area, sub-areas indented under theirs, and read/write columns', () => {
    render(<PermissionMatrix value={[]} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveClass('matrix-area');
    expect(screen.getByRole('rowheader', { name: /Connection settings and credentials/ }).closest('tr')).toHaveClass('matrix-sub');
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Area', 'Read', 'Write']);
    // The audit log has no write permission: no box to tick.
    expect(screen.queryByLabelText(/^Audit log: write/)).not.toBeInTheDocument();
  });

  it('shows what write implies as checked and disabled', async () => {
    render(<Editable />);

    await userEvent.click(box(/^Instances: write/));

    expect(box(/^Instances: write/)).toBeChecked();
    expect(box(/^Instances: write/)).toBeEnabled();
    for (const implied of [/^Instances: read/, /^Connection settings and credentials: write/, /^Instance names, tags and hardware facts: read/]) {
      expect(box(implied)).toBeChecked();
      expect(box(implied)).toBeDisabled();
    }
    expect(box('Instances: read (implied by instances:write)')).toBeInTheDocument();
    expect(box(/^Users: read/)).not.toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent(/^instances:write$/);
  });

  it('releases the implied boxes again when write is unchecked', async () => {
    render(<Editable initial={['instances:write']} />);

    await userEvent.click(box(/^Instances: write/));

    expect(box(/^Instances: read/)).not.toBeChecked();
    expect(box(/^Instances: read/)).toBeEnabled();
    expect(box(/^Connection settings and credentials: read/)).not.toBeChecked();
  });

  it('stores only the grants that are not implied by another', async () => {
    render(<Editable initial={['instances:read', 'monitoring.queries:read']} />);

    await userEvent.click(box(/^Monitoring data: read/));
    await userEvent.click(box(/^Instances: write/));

    expect(screen.getByRole('status')).toHaveTextContent(/^instances:write monitoring:read$/);
  });

  it('is read-only without onChange (built-in roles)', () => {
    render(<PermissionMatrix value={['instances:read']} />);
    expect(box(/^Instances: read/)).toBeChecked();
    expect(box(/^Instances: read/)).toBeDisabled();
    expect(box(/^Users: read/)).toBeDisabled();
  });

  it('does not offer permissions the editor does not hold', () => {
    render(<Editable canGrant={(permission) => permission.startsWith('instances')} />);
    expect(box(/^Instances: write/)).toBeEnabled();
    expect(box('Users: write (you do not hold it)')).toBeDisabled();
  });
});
