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
  let connectedBefore = false;

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

  // What the feed went through, newest last (for the browser tests' failure reports).
  const trace = (event) => {
    const log = (window.__shopLiveTrace ??= []);
    log.push(`${new Date().toISOString()} ${event}`);
    if (log.length > 50) log.shift();
  };
  let generation = 0;
  let lastLive = Date.now();
  let state = 'connecting';
  const setState = (next) => {
    state = next;
    if (next === 'live') lastLive = Date.now();
    onState(next);
  };

  const open = () => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    const mine = ++generation;
    const isCurrent = () => mine === generation && !stopped;
    setState('connecting');
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
        // Not graphql-ws' own `wasRetry`: it is false after a server's normal closure (1000),
        // which a restarting gateway may send.
        connected: () => {
          if (!isCurrent()) return;
          trace('connected');
          setState('live');
          const wasRetry = connectedBefore;
          connectedBefore = true;
          if (wasRetry) {
            onReconnected();
            catchUpWithoutCursor();
          }
        },
        closed: (event) => {
          if (!isCurrent()) return;
          trace(`closed ${event?.code ?? ''} ${event?.reason ?? ''}`);
          setState(navigator.onLine ? 'connecting' : 'offline');
        },
        error: (error) => isCurrent() && trace(`error ${error?.message ?? error?.type ?? ''}`),
      },
    });
    client = current;
    // graphql-ws ends a subscription for good on a close code it deems fatal or an error from
    // the server; the feed must outlive that, so start over after a pause.
    const startOver = (why) => {
      if (!isCurrent()) return;
      trace(`subscription ended: ${why}`);
      setState(navigator.onLine ? 'connecting' : 'offline');
      setTimeout(() => {
        if (!isCurrent() || !navigator.onLine) return;
        close();
        open();
      }, 2000);
    };
    dispose = current.subscribe(request, {
      next: ({ data, errors }) => {
        if (!errors?.length) accept(data?.notificationAdded);
      },
      error: (error) => startOver(`error ${JSON.stringify(error?.message ?? error?.code ?? error)}`),
      complete: () => startOver('complete'),
    });
  };

  // Belt and braces: not live for 30 s while the browser is online, start over.
  const watchdog = setInterval(() => {
    if (stopped || !navigator.onLine || state === 'live' || Date.now() - lastLive < 30000) return;
    trace('watchdog: starting over');
    lastLive = Date.now();
    close();
    open();
  }, 5000);

  const close = () => {
    generation += 1; // events of the old client are ignored from now on
    dispose();
    client?.dispose();
    client = null;
  };

  const wentOffline = () => {
    close();
    setState('offline');
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
  else setState('offline');

  return () => {
    stopped = true;
    clearInterval(watchdog);
    window.removeEventListener('offline', wentOffline);
    window.removeEventListener('online', wentOnline);
    close();
  };
}
