// "My orders" and one order; statuses refresh when an order update arrives live.
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { gql } from '../api.js';
import { useInbox } from '../inbox_store.jsx';
import { formatMoney } from '../money.js';
import { Empty, ErrorText, Loading, formatTime } from '../ui.jsx';

const ORDER_FIELDS = 'id status createdAt updatedAt total { amount currencyCode } items { quantity unitPrice { amount currencyCode } lineTotal { amount currencyCode } product { id name } }';

function useOrderUpdates() {
  const { arrived, version } = useInbox();
  return `${arrived.filter((n) => n.type === 'ORDER_UPDATE').length}:${version}`;
}

export function MyOrders() {
  const [orders, setOrders] = useState([]);
  const [page, setPage] = useState({ hasNextPage: false, endCursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const updates = useOrderUpdates();

  const load = async (after, replace) => {
    setLoading(true);
    try {
      const data = await gql(
        `query Mine($after: String, $first: Int) { me { orders(first: $first, after: $after) { nodes { ${ORDER_FIELDS} } pageInfo { hasNextPage endCursor } } } }`,
        { after, first: replace ? Math.max(10, orders.length) : 10 },
      );
      const { nodes, pageInfo } = data.me.orders;
      setOrders((old) => (after ? [...old, ...nodes] : nodes));
      setPage(pageInfo);
      setError('');
    } catch (e) {
      setError(e.message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    load(null, true);
  }, [updates]);

  return (
    <section>
      <h1>My orders</h1>
      <ErrorText error={error} />
      {!loading && !error && orders.length === 0 && (
        <Empty>
          No orders yet. <a href="/products">Browse products</a>
        </Empty>
      )}
      <ul class="list" aria-label="Orders">
        {orders.map((order) => (
          <li class="card" key={order.id} data-testid="order" data-order-id={order.id}>
            <div class="row">
              <a href={`/orders/${order.id}`}>Order {order.id.slice(-8)}</a>
              <span class={`status status-${order.status.toLowerCase()}`} data-testid="order-status">
                {order.status}
              </span>
            </div>
            <p class="muted">
              {order.items.map((item) => `${item.quantity} × ${item.product.name}`).join(', ')}
            </p>
            <p>
              Total <strong data-testid="order-total">{formatMoney(order.total)}</strong> · placed {formatTime(order.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      {loading && <Loading what="Loading your orders" />}
      {!loading && page.hasNextPage && (
        <button type="button" class="secondary" onClick={() => load(page.endCursor, false)}>
          Load more orders
        </button>
      )}
    </section>
  );
}

export function OrderDetail() {
  const { params } = useRoute();
  const [order, setOrder] = useState(undefined);
  const [error, setError] = useState('');
  const updates = useOrderUpdates();
  useEffect(() => {
    gql(`query Order($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: params.id })
      .then((data) => {
        setOrder(data.order);
        setError('');
      })
      .catch((e) => setError(e.message));
  }, [params.id, updates]);
  if (error) return <ErrorText error={error} />;
  if (order === undefined) return <Loading what="Loading the order" />;
  if (order === null) return <Empty>This order does not exist.</Empty>;
  return (
    <section class="card" data-testid="order-detail" data-order-id={order.id}>
      <h1>Order {order.id.slice(-8)}</h1>
      <p class="muted small-id">
        Order id <code>{order.id}</code>
      </p>
      <p>
        Status: <span class={`status status-${order.status.toLowerCase()}`} data-testid="order-status">{order.status}</span>{' '}
        <span class="muted">(updated {formatTime(order.updatedAt)})</span>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Quantity</th>
            <th scope="col">Unit price</th>
            <th scope="col">Line total</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.product.id}>
              <td>
                <a href={`/products/${item.product.id}`}>{item.product.name}</a>
              </td>
              <td>{item.quantity}</td>
              <td>{formatMoney(item.unitPrice)}</td>
              <td>{formatMoney(item.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="total">
        Total <strong data-testid="order-total">{formatMoney(order.total)}</strong>
      </p>
      <a href="/orders">All my orders</a>
    </section>
  );
}
