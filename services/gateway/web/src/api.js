// GraphQL over HTTP to the gateway that served this page (same origin, POST /graphql).
// Errors become ApiError with a sentence a shopper can read and the input field it concerns.
import { session } from './session.js';

const FRIENDLY = {
  UNAUTHENTICATED: 'Please sign in again: your session has ended.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'That no longer exists.',
  CONFLICT: 'That conflicts with the current state.',
  UNAVAILABLE: 'The shop is briefly unavailable; please try again in a moment.',
  RATE_LIMITED: 'Too many requests; please wait a moment and try again.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side; please try again.',
};

export class ApiError extends Error {
  constructor(message, { code, field } = {}) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

// The gateway's messages name the offending field ("input.email: ..."); keep the words,
// drop the path, and remember the field so the form can show the message beside it.
function toApiError(error) {
  const code = error.extensions?.code;
  const raw = String(error.message ?? '');
  const match = /^(?:input\.)?([a-zA-Z]+)(?:\[\d+\])?(?:\.[a-zA-Z]+)*:\s*(.+)$/.exec(raw);
  if (code === 'UNAUTHENTICATED') return new ApiError(FRIENDLY.UNAUTHENTICATED, { code });
  if (code === 'BAD_USER_INPUT' || code === 'CONFLICT') {
    if (match) return new ApiError(capitalise(match[2]), { code, field: match[1] });
    if (raw) return new ApiError(capitalise(raw), { code });
  }
  return new ApiError(FRIENDLY[code] ?? (raw ? capitalise(raw) : 'Something went wrong.'), { code });
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Runs a query or mutation; resolves to `data`, rejects with ApiError. */
export async function gql(query, variables = {}, { admin = false } = {}) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (admin && session.adminKey()) headers['x-api-key'] = session.adminKey();
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('No connection to the shop. Check your network and try again.', { code: 'NETWORK' });
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The shop answered HTTP ${response.status}; please try again.`, { code: 'HTTP' });
  }
  if (body.errors?.length) {
    if (admin && ['FORBIDDEN', 'UNAUTHENTICATED'].includes(body.errors[0].extensions?.code)) {
      throw new ApiError('The admin key was not accepted. Choose “Forget the admin key” and enter it again.', { code: 'FORBIDDEN' });
    }
    throw toApiError(body.errors[0]);
  }
  if (!response.ok || !body.data) throw new ApiError('The shop did not answer; please try again.', { code: 'HTTP' });
  return body.data;
}
