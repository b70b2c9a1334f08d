/** What a user sees instead of a page (or a part of one) they may not open. */
export function PermissionDenied({ permission, page = false }: { permission?: string | null; page?: boolean }) {
  const title = `You do not have permission${permission ? ` (requires ${permission})` : ''}`;
  return (
    <div role="alert" className="alert alert-warn">
      {page ? <h1 className="alert-title">{title}</h1> : <p className="alert-title">{title}</p>}
      <p>Ask an administrator for a role that grants it.</p>
    </div>
  );
}
