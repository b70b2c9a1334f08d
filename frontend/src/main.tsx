// Must stay the first import: it configures zod before any schema is built.
import './lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { checkStoredSession } from './lib/auth';
import { createQueryClient } from './lib/query-client';
import './index.css';
// After the base styles, which these extend and override.
import './styles/session.css';
import './styles/controls.css';
import './styles/tables.css';
import './styles/dialogs.css';
import './styles/monitoring.css';
import './styles/findings.css';
import './styles/fleet.css';
import './styles/stat-strip.css';
import './styles/assistant.css';
// Last: the narrow-screen layout overrides the rules above below 640 px.
import './styles/narrow.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const queryClient = createQueryClient();
checkStoredSession(queryClient);

createRoot(container).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
