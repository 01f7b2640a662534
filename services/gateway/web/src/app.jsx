// The shell: header with the bell on every screen, the routes, the live region.
import { useEffect, useState } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { InboxProvider, useInbox } from './inbox_store.jsx';
import { LogIn, SignUp } from './pages/auth.jsx';
import { Inbox } from './pages/inbox.jsx';
import { Operator } from './pages/operator.jsx';
import { MyOrders, OrderDetail } from './pages/orders.jsx';
import { Preferences } from './pages/preferences.jsx';
import { ProductDetail, Products } from './pages/products.jsx';
import { session } from './session.js';
import { Empty } from './ui.jsx';

function Bell() {
  const { unread, liveState } = useInbox();
  const label = unread === null ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <a href="/inbox" class="bell" aria-label={label} data-testid="bell" data-live={liveState}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
      </svg>
      {unread > 0 && (
        <span class="badge" data-testid="badge">
          {unread}
        </span>
      )}
      {liveState !== 'live' && <span class="sr-only">(reconnecting)</span>}
    </a>
  );
}

function Header({ user, onSignOut }) {
  const { url } = useLocation();
  const link = (href, text) => (
    <a href={href} aria-current={url === href || url.startsWith(`${href}/`) ? 'page' : undefined}>
      {text}
    </a>
  );
  return (
    <header class="top">
      <a href="/" class="brand">
        Shop
      </a>
      <nav aria-label="Main">
        {link('/products', 'Products')}
        {user && link('/orders', 'My orders')}
        {user && link('/preferences', 'Preferences')}
        {link('/operator', 'Operator')}
      </nav>
      <div class="account">
        {user ? (
          <>
            <Bell />
            <span class="who" title={user.email}>
              {user.name}
            </span>
            <button type="button" class="secondary" onClick={onSignOut}>
              Sign out
            </button>
          </>
        ) : (
          <>
            {link('/login', 'Log in')}
            {link('/signup', 'Sign up')}
          </>
        )}
      </div>
    </header>
  );
}

function Announcer() {
  const { announcement } = useInbox();
  return (
    <div class="sr-only" aria-live="polite" role="status" data-testid="announcer">
      {announcement}
    </div>
  );
}

function Home({ user }) {
  const { route } = useLocation();
  useEffect(() => route(user ? '/products' : '/login', true), [user]);
  return null;
}

function RequireUser({ user, children }) {
  if (user) return children;
  return (
    <Empty>
      Please <a href="/login">log in</a> or <a href="/signup">sign up</a> first.
    </Empty>
  );
}

export function App() {
  const [user, setUser] = useState(session.user());
  const token = user ? session.token() : null;
  const signedIn = () => setUser(session.user());
  const signOut = () => {
    session.signOut();
    setUser(null);
    window.history.pushState(null, '', '/login');
    window.dispatchEvent(new PopStateEvent('popstate'));
  };
  return (
    <LocationProvider>
      <InboxProvider token={token} key={token ?? 'anonymous'}>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <Header user={user} onSignOut={signOut} />
        <Announcer />
        <main id="main" tabindex="-1">
          <Router>
            <Route path="/" component={() => <Home user={user} />} />
            <Route path="/login" component={() => <LogIn onSignedIn={signedIn} />} />
            <Route path="/signup" component={() => <SignUp onSignedIn={signedIn} />} />
            <Route path="/products" component={Products} />
            <Route path="/products/:id" component={ProductDetail} />
            <Route path="/orders" component={() => <RequireUser user={user}><MyOrders /></RequireUser>} />
            <Route path="/orders/:id" component={() => <RequireUser user={user}><OrderDetail /></RequireUser>} />
            <Route path="/inbox" component={() => <RequireUser user={user}><Inbox /></RequireUser>} />
            <Route path="/preferences" component={() => <RequireUser user={user}><Preferences /></RequireUser>} />
            <Route path="/operator" component={Operator} />
            <Route default component={() => <Empty>This page does not exist. <a href="/products">Go to the products</a>.</Empty>} />
          </Router>
        </main>
      </InboxProvider>
    </LocationProvider>
  );
}
