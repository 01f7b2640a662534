// The inbox: unread first, newest first, load more; opening one marks it read; mark all read.
// Live arrivals join the top of the list without a reload.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { gql } from '../api.js';
import { NOTIFICATION_FIELDS, useInbox } from '../inbox_store.jsx';
import { Empty, ErrorText, Loading, formatTime } from '../ui.jsx';

const PAGE = 20;

export function Inbox() {
  const { arrived, refreshCount, version, unread } = useInbox();
  const [loaded, setLoaded] = useState([]);
  const [page, setPage] = useState({ hasNextPage: false, endCursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [openId, setOpenId] = useState(null);
  const [actionError, setActionError] = useState({});
  const [readIds, setReadIds] = useState(new Set());

  const load = async (after) => {
    setLoading(true);
    try {
      const data = await gql(
        `query Inbox($first: Int, $after: String) { notifications(first: $first, after: $after) { nodes { ${NOTIFICATION_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        { first: PAGE, after },
      );
      setLoaded((old) => (after ? [...old, ...data.notifications.nodes] : data.notifications.nodes));
      setPage(data.notifications.pageInfo);
      setError('');
    } catch (e) {
      setError(e.message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    load(null);
  }, [version]);

  // Live ones not in the loaded page go on top; unread before read, each newest first.
  const items = useMemo(() => {
    const ids = new Set(loaded.map((n) => n.id));
    const all = [...arrived.filter((n) => !ids.has(n.id)), ...loaded].map((n) => (readIds.has(n.id) ? { ...n, read: true } : n));
    return [...all.filter((n) => !n.read), ...all.filter((n) => n.read)];
  }, [loaded, arrived, readIds]);

  const open = async (notification) => {
    setOpenId(openId === notification.id ? null : notification.id);
    if (notification.read) return;
    try {
      await gql('mutation Read($id: ID!) { markNotificationRead(id: $id) { id read } }', { id: notification.id });
      setReadIds((old) => new Set([...old, notification.id]));
      setActionError({});
      refreshCount();
    } catch (e) {
      setActionError({ [notification.id]: `Could not mark it read: ${e.message}` });
    }
  };

  const markAll = async () => {
    try {
      await gql('mutation { markAllNotificationsRead }');
      setReadIds(new Set(items.map((n) => n.id)));
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
      <ul class="list" aria-label="Notifications">
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
