// The shop seen from a WebSocket test: GraphQL over HTTP for setup, and a graphql-ws client
// with one notificationAdded subscription that collects what arrives.
import { execFileSync } from 'node:child_process';
import { requireFrom, waitUntil } from './ws_support.mjs';

export function shop({ port, nodeModules, adminKey, redisUrl }) {
  const load = requireFrom(nodeModules);
  const WebSocket = load('ws');
  const { createClient } = load('graphql-ws');
  const httpUrl = `http://127.0.0.1:${port}/graphql`;
  const wsUrl = `ws://127.0.0.1:${port}/graphql`;
  const subscription = `subscription($after: String) {
    notificationAdded(after: $after) { id type title cursor order { id status } }
  }`;

  async function graphql(query, variables = {}, { token, admin } = {}) {
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (admin) headers['x-api-key'] = adminKey;
    const response = await fetch(httpUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = await response.json();
    if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  async function registerUser(name) {
    const email = `${name}-${Date.now()}-${Math.random().toString(16).slice(2)}@example.com`;
    const data = await graphql(
      'mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }',
      { input: { name, email, password: 'correct horse battery' } });
    return { token: data.register.token, id: data.register.user.id };
  }

  async function postNotification(userId, title) {
    const data = await graphql(
      'mutation($input: PostNotificationInput!) { postNotification(input: $input) { id cursor } }',
      { input: { userId, title, body: `body of ${title}` } }, { admin: true });
    return data.postNotification;
  }

  const subscribers = (userId) => Number(execFileSync('redis-cli', ['-u', redisUrl, 'PUBSUB', 'NUMSUB',
    `notifications:user:${userId}`], { encoding: 'utf8' }).trim().split('\n')[1]);

  // One graphql-ws client with one notificationAdded subscription, collecting what arrives.
  class Feed {
    constructor(token, after) {
      this.events = [];
      this.errors = [];
      this.client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { token }, retryAttempts: 0 });
      this.stop = this.client.subscribe({ query: subscription, variables: after ? { after } : {} }, {
        next: (result) => {
          if (result.errors) this.errors.push(result.errors);
          else this.events.push(result.data.notificationAdded);
        },
        error: (error) => this.errors.push(error),
        complete: () => {},
      });
    }
    ids() { return this.events.map((event) => event.id); }
    async waitForCount(count, timeoutMs = 15000) {
      try {
        await waitUntil(() => {
          if (this.errors.length) throw new Error(`subscription error: ${JSON.stringify(this.errors)}`);
          return this.events.length >= count;
        }, timeoutMs, `${count} events`);
      } catch (error) {
        const titles = this.events.map((event) => event.title);
        throw new Error(`${error.message}; have ${titles.length}: ${titles.join(',')}`);
      }
    }
    async close() {
      this.stop();
      await this.client.dispose();
    }
  }

  return { graphql, registerUser, postNotification, subscribers, Feed };
}
