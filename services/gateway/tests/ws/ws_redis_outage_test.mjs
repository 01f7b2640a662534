// Redis goes away under a live subscription: notifications written meanwhile reach the
// subscriber once Redis is back (the gateway re-subscribes and replays after the last one it
// delivered), in order and once, and live delivery goes on.
// usage: node ws_redis_outage_test.mjs <gateway http port> <node_modules> <admin key> <redis url>
//        <scripts/infra.sh> <its environment, e.g. "INFRA_PROFILE=test REDIS_PORT=...">
import { execSync } from 'node:child_process';
import { assertEqual, runCases, waitUntil } from './ws_support.mjs';
import { shop } from './ws_shop.mjs';

const [port, nodeModules, adminKey, redisUrl, infraScript, infraEnv] = process.argv.slice(2);
const { registerUser, postNotification, subscribers, Feed } =
  shop({ port, nodeModules, adminKey, redisUrl });
const redis = (action) => execSync(`env ${infraEnv} bash '${infraScript}' ${action} redis`, { stdio: 'pipe' });

await runCases([
  ['notifications written while Redis is down arrive after it returns, once and in order', async () => {
    const user = await registerUser('ws-outage');
    const start = await postNotification(user.id, 'before');
    const feed = new Feed(user.token, start.cursor);
    await waitUntil(() => subscribers(user.id) === 1, 10000, 'the gateway\'s Redis subscription');
    const expected = [(await postNotification(user.id, 'live before the outage')).id];
    await feed.waitForCount(1);
    redis('stop');
    try {
      for (const title of ['during 1', 'during 2']) expected.push((await postNotification(user.id, title)).id);
    } finally {
      redis('start');
    }
    await feed.waitForCount(3, 20000);
    expected.push((await postNotification(user.id, 'live after')).id);
    await feed.waitForCount(4);
    assertEqual(feed.ids(), expected, 'every notification once, in order');
    await feed.close();
  }],
]);
