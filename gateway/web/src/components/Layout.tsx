import { NavLink, Outlet } from 'react-router-dom';
import { logout } from '../api';
import { zoneCity } from '../lib/time';
import { Logo } from './ui';
import { useMe } from './session';

/** The frame of every signed-in page: brand, navigation, who is signed in, sign out. */
export function Layout() {
  const me = useMe();
  // Signing out ends the session; the page guard then shows the login page.
  const signOut = () => logout().catch(() => undefined);
  return (
    <>
      <header className="topbar">
        <div className="topbar-inner">
          <NavLink to="/dashboard" className="brand" aria-label="Muse Academy home">
            <Logo /> Muse Academy
          </NavLink>
          <nav className="nav" aria-label="Main">
            <NavLink to="/dashboard" data-testid="nav-dashboard">Dashboard</NavLink>
            {me.isTeacher && <NavLink to="/lessons/new" data-testid="nav-new-lesson">Schedule</NavLink>}
            <NavLink to="/library" data-testid="nav-library">Library</NavLink>
            <NavLink to="/settings" data-testid="nav-settings">Settings</NavLink>
            {me.role === 'admin' && <NavLink to="/admin" data-testid="nav-admin">Admin</NavLink>}
          </nav>
          <div className="who">
            <span data-testid="signed-in-as" title={me.zone}>
              {me.name} · {zoneCity(me.zone)}
            </span>
            <button type="button" className="btn ghost small" onClick={signOut} data-testid="sign-out">
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main className="page" id="main">
        <Outlet />
      </main>
    </>
  );
}
