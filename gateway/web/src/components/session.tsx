import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { currentSession, onSession, restoreSession, type Session } from '../api';
import { browserZone } from '../lib/time';
import { Spinner } from './ui';

const SessionContext = createContext<Session>({ status: 'unknown' });

/** Restores the session from the refresh cookie on load, then follows sign-in, refresh and sign-out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>(currentSession());
  useEffect(() => {
    const off = onSession(setSession);
    // A room page starts the restore before this mounts (room/session/earlyJoin.ts): it may be over already.
    setSession(currentSession());
    if (currentSession().status === 'unknown') restoreSession();
    return () => {
      off();
    };
  }, []);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export interface Me {
  id: string;
  name: string;
  role: string;
  zone: string;
  isTeacher: boolean;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

/** The signed-in user as the access token describes them. */
export function useMe(): Me {
  const claims = useSession().claims;
  const role = claims?.groups?.[0] ?? 'student';
  return {
    id: claims?.sub ?? '',
    name: claims?.name ?? '',
    role,
    zone: claims?.zone ?? browserZone(),
    isTeacher: !!claims?.groups?.includes('teacher'),
  };
}

/** Pages for signed-in users: waits for the session, sends others to the login page and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'unknown') return <div className="page"><Spinner label="Signing you in…" /></div>;
  if (session.status === 'signed-out') {
    // After signing out, the next person to sign in starts at their own dashboard, not at this page.
    if (session.byUser) return <Navigate to="/login" replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}
