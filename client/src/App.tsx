/** The app shell: who is signed in decides which page a route may show. */
import { useEffect } from 'react';
import { loadMe, signedIn, useAuth } from './auth';
import type { Me } from '../../shared/api';
import { loginPath, navigate, useRoute, type Route } from './router';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { BudgetPage } from './pages/BudgetPage';
import { StoryRoute } from './pages/StoryRoute';
import { useNotificationFeed } from './notifications/notificationStore';
import { Toasts } from './notifications/Toasts';

/** What a signed-in tab keeps running on every page: notifications and their toasts. */
function Newsroom() {
  useNotificationFeed();
  return <Toasts />;
}

/** The Galley client. */
export function App() {
  const route = useRoute();
  const auth = useAuth();

  useEffect(() => {
    void loadMe();
  }, []);

  const mustSignIn = auth.kind === 'signed-out' && route.page !== 'login';
  const alreadySignedIn = auth.kind === 'signed-in' && route.page === 'login';
  useEffect(() => {
    if (mustSignIn) navigate(loginPath(), { replace: true });
    if (alreadySignedIn && route.page === 'login') navigate(route.next ?? '/', { replace: true });
  }, [mustSignIn, alreadySignedIn, route]);

  if (auth.kind === 'loading') return <div className="app-loading" aria-busy="true" />;
  if (auth.kind === 'unreachable') {
    return (
      <main className="centered-message">
        <h1>Galley is not reachable</h1>
        <p>{auth.message}</p>
        <button type="button" className="button button--primary" onClick={() => void loadMe()}>
          Try again
        </button>
      </main>
    );
  }

  if (route.page === 'login') {
    if (auth.kind === 'signed-in') return null;
    return (
      <LoginPage
        onSignedIn={(me) => {
          signedIn(me);
          navigate(route.next ?? '/', { replace: true });
        }}
      />
    );
  }
  if (auth.kind !== 'signed-in') return null;

  return (
    <>
      {page(route, auth.me)}
      <Newsroom key={auth.me.id} />
    </>
  );
}

function page(route: Exclude<Route, { page: 'login' }>, me: Me) {
  switch (route.page) {
    case 'stories':
      return <BudgetPage me={me} />;
    case 'story':
      return <StoryRoute key={route.id} articleId={route.id} me={me} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
