import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './app';
import { createApiClient } from './client';
import { SessionProvider, useSession } from './session';
import './styles.css';

function ApiProvider() {
  const session = useSession();
  const client = useMemo(
    () => createApiClient({ token: session.token, onUnauthenticated: session.forget }),
    [session.token, session.forget],
  );
  return (
    <Provider value={client}>
      <App />
    </Provider>
  );
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <ApiProvider />
    </SessionProvider>
  </StrictMode>,
);
