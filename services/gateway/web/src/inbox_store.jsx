// The signed-in shopper's notification state shared by every screen: the unread count (always
// re-read from `unreadNotificationCount`, never counted locally, so the badge equals the
// server's number), the live feed's state, and the notifications that arrived live. Marking
// one read updates the arrived copy too: it outlives the inbox screen, and a copy still saying
// "unread" would show a read notification as unread the next time the inbox opens.
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { gql } from './api.js';
import { startLiveNotifications } from './live.js';

const InboxContext = createContext(null);

export const NOTIFICATION_FIELDS = 'id type title body read createdAt cursor order { id status } product { id name }';

export function InboxProvider({ token, children }) {
  const [unread, setUnread] = useState(null);
  const [liveState, setLiveState] = useState('connecting');
  const [arrived, setArrived] = useState([]);
  const [announcement, setAnnouncement] = useState('');
  const [version, setVersion] = useState(0);
  const pending = useRef(null);

  const refreshCount = useCallback(() => {
    clearTimeout(pending.current);
    pending.current = setTimeout(async () => {
      try {
        const data = await gql('query { unreadNotificationCount }');
        setUnread(data.unreadNotificationCount);
      } catch {
        // keep the last count; the next event or reconnect re-reads it
      }
    }, 100);
  }, []);

  useEffect(() => {
    if (!token) return undefined;
    let stop = () => {};
    let cancelled = false;
    (async () => {
      // The newest cursor we know: the live feed starts after it, so nothing between this
      // query and the subscription is lost.
      let after = null;
      try {
        const data = await gql('query { unreadNotificationCount notifications(first: 1) { edges { cursor } } }');
        setUnread(data.unreadNotificationCount);
        after = data.notifications.edges[0]?.cursor ?? null;
      } catch {
        /* the badge stays empty until the feed connects */
      }
      if (cancelled) return;
      stop = startLiveNotifications({
        token,
        after,
        onNotification: (notification) => {
          setArrived((list) => (list.some((n) => n.id === notification.id) ? list : [notification, ...list]));
          setAnnouncement(`New notification: ${notification.title}`);
          refreshCount();
        },
        onReconnected: () => {
          refreshCount();
          setVersion((v) => v + 1);
        },
        onState: setLiveState,
        fetchLatest: async () => (await gql(`query { notifications(first: 50) { edges { cursor node { ${NOTIFICATION_FIELDS} } } } }`)).notifications.edges.map((e) => ({ ...e.node, cursor: e.cursor })),
      });
    })();
    return () => {
      cancelled = true;
      stop();
    };
  }, [token, refreshCount]);

  const markedRead = useCallback((ids) => {
    const read = new Set(ids);
    setArrived((list) => (list.some((n) => !n.read && read.has(n.id)) ? list.map((n) => (read.has(n.id) ? { ...n, read: true } : n)) : list));
  }, []);

  const value = { unread, liveState, arrived, announcement, refreshCount, markedRead, version };
  return <InboxContext.Provider value={value}>{children}</InboxContext.Provider>;
}

export function useInbox() {
  return useContext(InboxContext) ?? { unread: null, liveState: 'offline', arrived: [], announcement: '', refreshCount() {}, markedRead() {}, version: 0 };
}
