import { NavLink, Outlet } from 'react-router';
import { useSession } from '../session/session-context.tsx';

const SCREENS = [
  { to: '/notifications', label: 'Notifications' },
  { to: '/templates', label: 'Templates' },
  { to: '/users', label: 'Users' },
  { to: '/api-keys', label: 'API keys' },
  { to: '/dead-letters', label: 'Dead letters' },
  { to: '/system', label: 'System' },
] as const;

/** The landmarks of every signed-in screen: a skip link, the banner, the navigation and the main region. */
export function Shell() {
  const { session, signOut } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="banner">
        <span className="brand">Herald Console</span>
        <span className="who">
          Signed in as <strong>{session?.label}</strong>
        </span>
        <button type="button" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <div className="layout">
        <nav aria-label="Screens" className="side-nav">
          <ul>
            {SCREENS.map((screen) => (
              <li key={screen.to}>
                <NavLink to={screen.to}>{screen.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </>
  );
}
