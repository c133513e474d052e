import { Navigate, Route, Routes } from 'react-router';
import { ApiKeysPage } from './api-keys/api-keys-page.tsx';
import { DeadLettersPage } from './dead-letters/dead-letters-page.tsx';
import { Shell } from './layout/shell.tsx';
import { NotificationPage } from './notifications/notification-page.tsx';
import { NotificationsPage } from './notifications/notifications-page.tsx';
import { useSession } from './session/session-context.tsx';
import { SignInPage } from './session/sign-in-page.tsx';
import { SystemPage } from './system/system-page.tsx';
import { NewTemplatePage } from './templates/new-template-page.tsx';
import { TemplatePage } from './templates/template-page.tsx';
import { TemplatesPage } from './templates/templates-page.tsx';
import { UserPage } from './users/user-page.tsx';
import { UsersPage } from './users/users-page.tsx';

/** Signed out, every address shows the sign-in; signed in, the screens. */
export function App() {
  const { session } = useSession();
  if (!session) return <SignInPage />;
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<Navigate to="/notifications" replace />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="notifications/:id" element={<NotificationPage />} />
        <Route path="templates" element={<TemplatesPage />} />
        <Route path="templates/new" element={<NewTemplatePage />} />
        <Route path="templates/:code" element={<TemplatePage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="users/:id" element={<UserPage />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="dead-letters" element={<DeadLettersPage />} />
        <Route path="system" element={<SystemPage />} />
        <Route path="*" element={<p>No such page.</p>} />
      </Route>
    </Routes>
  );
}
