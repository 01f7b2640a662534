// The catalogue (pages of 12, optional category) with quantities, and placing the order with
// its exact total (integer cents, see money.js).
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { gql } from '../api.js';
import { formatMoney, lineTotal, totals } from '../money.js';
import { session } from '../session.js';
import { Empty, ErrorText, Loading } from '../ui.jsx';

const PAGE = 12;
const PRODUCT_FIELDS = 'id name description category imageUrl price { amount currencyCode }';

export function Products() {
  const [category, setCategory] = useState('');
  const [filter, setFilter] = useState('');
  const [items, setItems] = useState([]);
  const [page, setPage] = useState({ hasNextPage: false, endCursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [seenCategories, setSeenCategories] = useState([]);
  const [cart, setCart] = useState({});
  const [placing, setPlacing] = useState(false);
  const [orderError, setOrderError] = useState('');
  const [placed, setPlaced] = useState(null);

  const load = async (after) => {
    setLoading(true);
    setError('');
    try {
      const data = await gql(
        `query Products($first: Int, $after: String, $category: String) {
          products(first: $first, after: $after, category: $category) { nodes { ${PRODUCT_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        { first: PAGE, after, category: filter || null },
      );
      const nodes = data.products.nodes;
      setItems((old) => (after ? [...old, ...nodes] : nodes));
      setPage(data.products.pageInfo);
      setSeenCategories((old) => [...new Set([...old, ...nodes.map((p) => p.category)])].sort());
    } catch (e) {
      setError(e.message);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    load(null);
  }, [filter]);

  const quantity = (id) => cart[id]?.quantity ?? 0;
  const setQuantity = (product, value) => {
    const n = Math.max(0, Math.min(99, Number.parseInt(value, 10) || 0));
    setPlaced(null);
    setCart((old) => {
      const next = { ...old };
      if (n === 0) delete next[product.id];
      else next[product.id] = { product, quantity: n };
      return next;
    });
  };
  const lines = Object.values(cart);
  const sums = totals(lines.map(({ product, quantity: q }) => ({ ...product.price, quantity: q })));

  const placeOrder = async () => {
    setOrderError('');
    if (!session.token()) {
      setOrderError('Please log in to place an order.');
      return;
    }
    setPlacing(true);
    try {
      const data = await gql(
        `mutation Place($input: CreateOrderInput!) { createOrder(input: $input) { id status total { amount currencyCode } } }`,
        { input: { items: lines.map(({ product, quantity: q }) => ({ productId: product.id, quantity: q })) } },
      );
      setPlaced(data.createOrder);
      setCart({});
    } catch (e) {
      setOrderError(e.message);
    } finally {
      setPlacing(false);
    }
  };

  return (
    <div class="layout-with-aside">
      <section>
        <h1>Products</h1>
        <form
          class="filter"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setFilter(category.trim());
          }}
        >
          <label for="category">Category</label>
          <input id="category" list="categories" value={category} onInput={(e) => setCategory(e.currentTarget.value)} placeholder="all categories" />
          <datalist id="categories">
            {seenCategories.map((c) => (
              <option value={c} key={c} />
            ))}
          </datalist>
          <button type="submit">Filter</button>
          {filter && (
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setCategory('');
                setFilter('');
              }}
            >
              Show all
            </button>
          )}
        </form>
        <ErrorText error={error} />
        {!loading && !error && items.length === 0 && <Empty>{filter ? `No products in “${filter}”.` : 'No products yet.'}</Empty>}
        <ul class="grid" aria-label="Products">
          {items.map((product) => (
            <li class="card product" key={product.id} data-testid="product" data-product-id={product.id}>
              <h2>
                <a href={`/products/${product.id}`}>{product.name}</a>
              </h2>
              <p class="muted">{product.category}</p>
              <p class="price" data-testid="price">{formatMoney(product.price)}</p>
              <label class="qty">
                Quantity
                <input
                  type="number"
                  min="0"
                  max="99"
                  inputmode="numeric"
                  value={quantity(product.id)}
                  onInput={(e) => setQuantity(product, e.currentTarget.value)}
                  aria-label={`Quantity of ${product.name}`}
                />
              </label>
            </li>
          ))}
        </ul>
        {loading && <Loading what="Loading products" />}
        {!loading && page.hasNextPage && (
          <button type="button" class="secondary" onClick={() => load(page.endCursor)}>
            Load more products
          </button>
        )}
      </section>
      <aside class="card cart" aria-label="Your order">
        <h2>Your order</h2>
        {lines.length === 0 && !placed && <Empty>Choose quantities to start an order.</Empty>}
        {lines.length > 0 && (
          <>
            <ul>
              {lines.map(({ product, quantity: q }) => (
                <li key={product.id}>
                  {q} × {product.name} = {lineTotal(product.price.amount, q)} {product.price.currencyCode}
                </li>
              ))}
            </ul>
            <p class="total" data-testid="cart-total">
              Total:{' '}
              {Object.entries(sums)
                .map(([code, amount]) => `${amount} ${code}`)
                .join(' + ')}
            </p>
            <button type="button" onClick={placeOrder} disabled={placing}>
              {placing ? 'Placing order…' : 'Place order'}
            </button>
          </>
        )}
        <ErrorText error={orderError} testid="order-error" />
        {placed && (
          <p class="success" role="status" data-testid="order-placed" data-order-id={placed.id}>
            Order placed. Total charged: <strong data-testid="order-total">{formatMoney(placed.total)}</strong>.{' '}
            <a href={`/orders/${placed.id}`}>See the order</a>
          </p>
        )}
      </aside>
    </div>
  );
}

export function ProductDetail() {
  const { params } = useRoute();
  const { route } = useLocation();
  const [product, setProduct] = useState(undefined);
  const [error, setError] = useState('');
  useEffect(() => {
    setProduct(undefined);
    gql(`query One($id: ID!) { product(id: $id) { ${PRODUCT_FIELDS} createdAt } }`, { id: params.id })
      .then((data) => setProduct(data.product))
      .catch((e) => setError(e.message));
  }, [params.id]);
  if (error) return <ErrorText error={error} />;
  if (product === undefined) return <Loading what="Loading the product" />;
  if (product === null) return <Empty>This product does not exist.</Empty>;
  return (
    <section class="card" data-testid="product-detail">
      <h1>{product.name}</h1>
      <p class="muted">{product.category}</p>
      <p class="price">{formatMoney(product.price)}</p>
      {product.description && <p>{product.description}</p>}
      <button type="button" class="secondary" onClick={() => route('/products')}>
        Back to products
      </button>
    </section>
  );
}
