import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const TOKEN_KEY = 'controlplane.console.token';
const ORG_KEY = 'controlplane.console.organization';

export type Session = {
  token: string | null;
  signIn(token: string): void;
  /** Forgets the token (the caller ends it on the server first when it can). */
  forget(): void;
  /** The organization last chosen in the switcher, to open on the next visit. */
  lastOrganizationId: string | null;
  rememberOrganization(id: string): void;
};

const SessionContext = createContext<Session | null>(null);

/** Reads a stored value; storage may be unavailable (private mode), which only costs remembering. */
function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage unavailable: the session lasts as long as the tab
  }
}

export function readStoredToken(): string | null {
  return read(TOKEN_KEY);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState(read(TOKEN_KEY));
  const [lastOrganizationId, setLastOrganizationId] = useState(read(ORG_KEY));
  const signIn = useCallback((value: string) => {
    write(TOKEN_KEY, value);
    setToken(value);
  }, []);
  const forget = useCallback(() => {
    write(TOKEN_KEY, null);
    setToken(null);
  }, []);
  const rememberOrganization = useCallback((id: string) => {
    write(ORG_KEY, id);
    setLastOrganizationId(id);
  }, []);
  const value = useMemo(
    () => ({ token, signIn, forget, lastOrganizationId, rememberOrganization }),
    [token, signIn, forget, lastOrganizationId, rememberOrganization],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionProvider');
  return session;
}
