/** The header of the newsroom pages: wordmark, notifications, who is signed in, log out. */
import type { Me } from '../../../shared/api';
import { RoleLabels } from '../../../shared/roles';
import { NotificationBell } from '../notifications/NotificationBell';
import { linkProps } from '../router';
import { Avatar } from './Avatars';
import { LogoutButton } from './LogoutButton';
import { Wordmark } from './Wordmark';

/** The top bar of the story budget. */
export function AppHeader({ me }: { me: Me }) {
  return (
    <header className="app-header">
      <a className="app-header__brand" {...linkProps('/')}>
        <Wordmark size="sm" />
      </a>
      <div className="app-header__user">
        <NotificationBell />
        <span className="app-header__divider" aria-hidden="true" />
        <Avatar person={{ name: me.name, color: me.color }} size="sm" />
        <span className="app-header__who">
          <span className="app-header__name">{me.name}</span>
          <span className="app-header__role">{RoleLabels[me.role] ?? me.role}</span>
        </span>
        <LogoutButton />
      </div>
    </header>
  );
}
