// The inbox: unread first, newest first, load more; opening one marks it read; mark all read.
// Live arrivals join the top of the list without a reload.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { gql } from '../api.js';
import { NOTIFICATION_FIELDS, useInbox } from '../inbox_store.jsx';
import { Empty, ErrorText, Loading, formatTime } from '../ui.jsx';

const PAGE = 20;

export function Inbox() {
  const { arrived, refreshCount, markedRead, version, unread } = useInbox();
  const [loaded, setLoaded] = useState([]);
  const [page, setPage] = useState({ hasNextPage: false, endCursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [openId, setOpenId] = useState(null);
  const [actionError, setActionError] = useState({});
  const [readIds, setReadIds] = useState(new Set());
  // A reconnect reloads the first page while an earlier load may still be in flight: only the
  // newest request may write the list, or an older answer would overwrite a fresher one.
  const request = useRef(0);

  const load = async (after) => {
    const mine = ++request.current;
    setLoading(true);
    try {
      const data = await gql(
        `query Inbox($first: Int, $after: String) { notifications(first: $first, after: $after) { nodes { ${NOTIFICATION_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        { first: PAGE, after },
      );
      if (mine !== request.current) return;
      setLoaded((old) => (after ? [...old, ...data.notifications.nodes] : data.notifications.nodes));
      setPage(data.notifications.pageInfo);
      setError('');
    } catch (e) {
      if (mine === request.current) setError(e.message);
    } finally {
      if (mine === request.current) setLoading(false);
    }
  };
  useEffect(() => {
    load(null);
  }, [version]);

  // Live ones not in the loaded pages go on top, unless they are older than the last loaded one
  // while more pages remain: "load more" brings those in their place. Unread before read, each
  // newest first.
  const items = useMemo(() => {
    const ids = new Set(loaded.map((n) => n.id));
    const oldest = page.hasNextPage ? loaded.at(-1)?.createdAt : undefined;
    const live = arrived.filter((n) => !ids.has(n.id) && !(oldest && n.createdAt < oldest));
    const all = [...live, ...loaded].map((n) => (readIds.has(n.id) ? { ...n, read: true } : n));
    return [...all.filter((n) => !n.read), ...all.filter((n) => n.read)];
  }, [loaded, page, arrived, readIds]);

  const open = async (notification) => {
    setOpenId(openId === notification.id ? null : notification.id);
    if (notification.read) return;
    try {
      await gql('mutation Read($id: ID!) { markNotificationRead(id: $id) { id read } }', { id: notification.id });
      setReadIds((old) => new Set([...old, notification.id]));
      markedRead([notification.id]);
      setActionError({});
      refreshCount();
    } catch (e) {
      setActionError({ [notification.id]: `Could not mark it read: ${e.message}` });
    }
  };

  const markAll = async () => {
    try {
      await gql('mutation { markAllNotificationsRead }');
      const ids = items.map((n) => n.id);
      setReadIds(new Set(ids));
      // Every live copy too, also those not listed yet (older than the loaded pages).
      markedRead([...ids, ...arrived.map((n) => n.id)]);
      setActionError({});
      refreshCount();
    } catch (e) {
      setActionError({ all: `Could not mark them read: ${e.message}` });
    }
  };

  return (
    <section>
      <div class="row">
        <h1>Notifications</h1>
        <button type="button" class="secondary" onClick={markAll} disabled={!unread}>
          Mark all read
        </button>
      </div>
      <ErrorText error={actionError.all} />
      <ErrorText error={error} />
      {!loading && !error && items.length === 0 && <Empty>No notifications yet. Order something and we will keep you posted.</Empty>}
      <ul class="list" aria-label="Notifications" aria-busy={loading ? 'true' : 'false'} data-testid="inbox-list">
        {items.map((n) => (
          <li class={`card notification ${n.read ? 'read' : 'unread'}`} key={n.id} data-testid="notification" data-notification-id={n.id} data-order-id={n.order?.id} data-read={String(n.read)}>
            <button type="button" class="link notification-title" aria-expanded={openId === n.id ? 'true' : 'false'} onClick={() => open(n)}>
              {!n.read && <span class="dot" aria-label="unread" />}
              <span>{n.title}</span>
              <span class="muted small">{formatTime(n.createdAt)}</span>
            </button>
            {openId === n.id && (
              <div class="notification-body">
                <p>{n.body}</p>
                {n.order && (
                  <a href={`/orders/${n.order.id}`} data-testid="notification-order-link">
                    See order {n.order.id.slice(-8)} ({n.order.status})
                  </a>
                )}
                {n.product && (
                  <a href={`/products/${n.product.id}`} data-testid="notification-product-link">
                    See {n.product.name}
                  </a>
                )}
              </div>
            )}
            <ErrorText error={actionError[n.id]} />
          </li>
        ))}
      </ul>
      {loading && <Loading what="Loading notifications" />}
      {!loading && page.hasNextPage && (
        <button type="button" class="secondary" onClick={() => load(page.endCursor)}>
          Load more notifications
        </button>
      )}
    </section>
  );
}
