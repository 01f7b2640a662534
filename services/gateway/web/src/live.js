// The signed-in user's live notifications over graphql-ws (graphql-transport-ws on /graphql).
//
// Never miss one: graphql-ws reconnects with exponential backoff by itself and, on each
// reconnect, re-sends the subscription's payload object. We keep `after` in that object up to
// date with the newest cursor we have, so the server first replays what arrived while we were
// away (oldest first), then goes live. Ids already seen are dropped, so a replay that overlaps
// never shows a notification twice. The browser's offline/online events shortcut the wait.
// A shopper with no notification yet has no cursor to pass: after a reconnect the app reads the
// newest page over HTTP (`fetchLatest`), shows what it has not seen, and, when that gave it a
// cursor, subscribes again from there (so the replay covers the rest).
import { createClient } from 'graphql-ws';

const SUBSCRIPTION = `subscription Live($after: String) {
  notificationAdded(after: $after) {
    id type title body read createdAt cursor
    order { id status }
    product { id name }
  }
}`;

/**
 * Starts the live feed. `token` signs the connection; `after` is the newest cursor already
 * known (or null). Callbacks: onNotification(n), onReconnected(), onState('live'|'connecting'|'offline'),
 * fetchLatest() -> the newest notifications, newest first (with `cursor`).
 * Returns stop().
 */
export function startLiveNotifications({ token, after, onNotification, onReconnected, onState, fetchLatest }) {
  const seen = new Set();
  const request = { query: SUBSCRIPTION, variables: { after: after ?? null } };
  let client = null;
  let dispose = () => {};
  let stopped = false;

  const accept = (notification) => {
    if (!notification || seen.has(notification.id)) return;
    seen.add(notification.id);
    request.variables.after = notification.cursor;
    onNotification(notification);
  };

  // Without a cursor the server cannot replay: read what arrived meanwhile over HTTP instead.
  const catchUpWithoutCursor = async () => {
    if (request.variables.after || stopped) return;
    try {
      const latest = await fetchLatest();
      if (!latest.length || request.variables.after || stopped) return;
      for (const notification of [...latest].reverse()) accept(notification);
      close();
      open();
    } catch {
      // the next reconnect tries again
    }
  };

  const open = () => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    onState('connecting');
    const current = createClient({
      url,
      lazy: false,
      connectionParams: () => ({ Authorization: `Bearer ${token}` }),
      retryAttempts: Infinity,
      shouldRetry: () => true,
      // 0.5 s, 1 s, 2 s ... capped at 15 s, with jitter so a restarted gateway is not stormed.
      retryWait: (retries) =>
        new Promise((resolve) =>
          setTimeout(resolve, Math.min(15000, 500 * 2 ** retries) + Math.random() * 300),
        ),
      on: {
        connected: (_socket, _payload, wasRetry) => {
          onState('live');
          if (wasRetry) {
            onReconnected();
            catchUpWithoutCursor();
          }
        },
        closed: () => {
          if (!stopped) onState(navigator.onLine ? 'connecting' : 'offline');
        },
      },
    });
    client = current;
    dispose = current.subscribe(request, {
      next: ({ data, errors }) => {
        if (!errors?.length) accept(data?.notificationAdded);
      },
      error: () => onState('connecting'),
      complete: () => {},
    });
  };

  const close = () => {
    dispose();
    client?.dispose();
    client = null;
  };

  const wentOffline = () => {
    close();
    onState('offline');
  };
  // Back online: reconnect now instead of waiting out the backoff; a new client sends the
  // newest cursor, and the server replays what we missed. The caller re-reads the count.
  const wentOnline = () => {
    close();
    open();
    onReconnected();
    catchUpWithoutCursor();
  };
  window.addEventListener('offline', wentOffline);
  window.addEventListener('online', wentOnline);
  if (navigator.onLine) open();
  else onState('offline');

  return () => {
    stopped = true;
    window.removeEventListener('offline', wentOffline);
    window.removeEventListener('online', wentOnline);
    close();
  };
}
