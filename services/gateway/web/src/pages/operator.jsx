// The operator's desk (admin key, entered once, kept in sessionStorage): add a product, move an
// order along its life cycle, send a promotion and watch its campaign complete.
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api.js';
import { formatMoney, toCents } from '../money.js';
import { session } from '../session.js';
import { ErrorText, Field, formatTime, useForm } from '../ui.jsx';

const NEXT = {
  PENDING: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};
const admin = { admin: true };

function AdminKeyForm({ onSet }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState('');
  return (
    <section class="card narrow">
      <h1>Operator</h1>
      <form
        aria-label="Enter the admin key"
        onSubmit={(event) => {
          event.preventDefault();
          if (!key.trim()) return setError('Please enter the admin key.');
          session.setAdminKey(key.trim());
          onSet();
        }}
      >
        <Field label="Admin key" name="adminKey" type="password" autocomplete="off" value={key} onInput={(e) => setKey(e.currentTarget.value)} error={error} />
        <button type="submit">Continue</button>
      </form>
    </section>
  );
}

function AddProduct() {
  const { values, set, errors, formError, check, fail, reset } = useForm({ name: '', description: '', price: '', currencyCode: 'USD', category: '' });
  const [added, setAdded] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    setAdded(null);
    const found = {};
    if (!values.name.trim()) found.name = 'Please enter a name.';
    if (!values.category.trim()) found.category = 'Please enter a category.';
    try {
      if (toCents(values.price) <= 0) found.price = 'The price must be more than zero.';
    } catch {
      found.price = 'Enter a price like 19.99.';
    }
    if (!check(found)) return;
    try {
      const data = await gql(
        'mutation Add($input: AddProductInput!) { addProduct(input: $input) { id name category price { amount currencyCode } } }',
        { input: { ...values, name: values.name.trim(), category: values.category.trim() } },
        admin,
      );
      setAdded(data.addProduct);
      reset();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <section class="card">
      <h2>Add a product</h2>
      <form onSubmit={submit} noValidate aria-label="Add a product">
        <Field label="Name" name="name" value={values.name} onInput={set('name')} error={errors.name} />
        <Field label="Description" name="description" value={values.description} onInput={set('description')} error={errors.description} />
        <div class="two">
          <Field label="Price" name="price" inputmode="decimal" placeholder="19.99" value={values.price} onInput={set('price')} error={errors.price} />
          <Field label="Currency" name="currencyCode" maxlength="3" value={values.currencyCode} onInput={set('currencyCode')} error={errors.currencyCode} />
        </div>
        <Field label="Category" name="category" value={values.category} onInput={set('category')} error={errors.category} />
        <ErrorText error={formError} />
        <button type="submit">Add product</button>
        {added && (
          <p class="success" role="status" data-testid="product-added" data-product-id={added.id}>
            Added {added.name} ({added.category}) at {formatMoney(added.price)}.
          </p>
        )}
      </form>
    </section>
  );
}

function MoveOrder() {
  const [orderId, setOrderId] = useState('');
  const [order, setOrder] = useState(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const find = async (event) => {
    event?.preventDefault();
    setError('');
    setOrder(null);
    if (!orderId.trim()) return setError('Please enter an order id.');
    try {
      const data = await gql('query Find($id: ID!) { order(id: $id) { id status user { email } total { amount currencyCode } } }', { id: orderId.trim() }, admin);
      if (!data.order) setError('No order has this id.');
      setOrder(data.order);
    } catch (e) {
      setError(e.message);
    }
  };
  const move = async (status) => {
    setBusy(true);
    setError('');
    try {
      const data = await gql(
        'mutation Move($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { id status user { email } total { amount currencyCode } } }',
        { id: order.id, status },
        admin,
      );
      setOrder(data.updateOrderStatus);
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card">
      <h2>Move an order</h2>
      <form onSubmit={find} class="inline" aria-label="Find an order">
        <Field label="Order id" name="orderId" value={orderId} onInput={(e) => setOrderId(e.currentTarget.value.trim())} />
        <button type="submit">Find</button>
      </form>
      <ErrorText error={error} testid="move-error" />
      {order && (
        <div data-testid="operator-order" data-order-id={order.id}>
          <p>
            {order.user.email} · {formatMoney(order.total)} · status <strong data-testid="operator-order-status">{order.status}</strong>
          </p>
          <div class="actions">
            {NEXT[order.status].map((status) => (
              <button type="button" key={status} disabled={busy} onClick={() => move(status)}>
                Mark {status.toLowerCase()}
              </button>
            ))}
            {NEXT[order.status].length === 0 && <span class="muted">This order is final.</span>}
          </div>
        </div>
      )}
    </section>
  );
}

function SendPromotion() {
  const { values, set, errors, formError, setFormError, check, fail } = useForm({ title: '', body: '', category: '', productId: '' });
  const [campaign, setCampaign] = useState(null);
  const timer = useRef(null);
  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = (id) => {
    timer.current = setTimeout(async () => {
      try {
        const data = await gql('query Campaign($id: ID!) { promotionCampaign(id: $id) { id status recipientCount completedAt } }', { id }, admin);
        setCampaign((old) => ({ ...old, ...data.promotionCampaign }));
        if (['PENDING', 'RUNNING'].includes(data.promotionCampaign?.status)) poll(id);
      } catch (e) {
        setFormError(`Could not follow the campaign: ${e.message}`);
      }
    }, 1000);
  };

  const submit = async (event) => {
    event.preventDefault();
    clearTimeout(timer.current);
    const found = {};
    if (!values.title.trim()) found.title = 'Please enter a title.';
    if (!values.body.trim()) found.body = 'Please enter the message.';
    if (!check(found)) return;
    try {
      const input = { title: values.title.trim(), body: values.body.trim(), category: values.category.trim() || null, productId: values.productId.trim() || null };
      const data = await gql('mutation Send($input: PromotionInput!) { sendPromotion(input: $input) { id status recipientCount category createdAt completedAt } }', { input }, admin);
      setCampaign(data.sendPromotion);
      if (['PENDING', 'RUNNING'].includes(data.sendPromotion.status)) poll(data.sendPromotion.id);
    } catch (e) {
      fail(e);
    }
  };
  return (
    <section class="card">
      <h2>Send a promotion</h2>
      <form onSubmit={submit} noValidate aria-label="Send a promotion">
        <Field label="Title" name="title" value={values.title} onInput={set('title')} error={errors.title} />
        <Field label="Message" name="body" value={values.body} onInput={set('body')} error={errors.body} />
        <Field label="Category" name="category" value={values.category} onInput={set('category')} error={errors.category} hint="Empty: every shopper who takes promotions." />
        <Field label="Product id (optional)" name="productId" value={values.productId} onInput={set('productId')} error={errors.productId} />
        <ErrorText error={formError} />
        <button type="submit">Send promotion</button>
      </form>
      {campaign && (
        <p class={campaign.status === 'COMPLETED' ? 'success' : 'muted'} role="status" data-testid="campaign" data-status={campaign.status}>
          Campaign {campaign.id.slice(-8)}: <strong data-testid="campaign-status">{campaign.status}</strong>, {campaign.recipientCount} recipient
          {campaign.recipientCount === 1 ? '' : 's'}
          {campaign.completedAt && ` (completed ${formatTime(campaign.completedAt)})`}.
        </p>
      )}
    </section>
  );
}

export function Operator() {
  const [hasKey, setHasKey] = useState(Boolean(session.adminKey()));
  if (!hasKey) return <AdminKeyForm onSet={() => setHasKey(true)} />;
  return (
    <div>
      <div class="row">
        <h1>Operator</h1>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            session.setAdminKey(null);
            setHasKey(false);
          }}
        >
          Forget the admin key
        </button>
      </div>
      <div class="grid operator">
        <AddProduct />
        <MoveOrder />
        <SendPromotion />
      </div>
    </div>
  );
}
