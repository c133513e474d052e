import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
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
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  // A new screen takes the focus to its content, as a page load would for a screen reader or a
  // keyboard user; not on the first screen, where the browser starts at the top anyway.
  const firstScreen = useRef(true);
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);
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
        <main id="main" tabIndex={-1} ref={main}>
          <Outlet />
        </main>
      </div>
    </>
  );
}
