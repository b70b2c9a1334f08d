import { Outlet } from 'react-router';

/** Login and first-run setup: one narrow card, nothing that needs a session. */
export function AuthLayout() {
  return (
    <div className="auth-page">
      <main className="auth-card">
        <p className="brand auth-brand">Inspector</p>
        <Outlet />
      </main>
    </div>
  );
}
