/** The HTTP contract through `app.request()`: no sockets, the real sandbox app in memory as upstream. */
import {createProxy} from '../../proxy/app.js';
import {loadConfig} from '../../proxy/config.js';
import {CONTRACT_ENV, contractSuite} from './contract.js';
import {memoryUpstream, SANDBOX_ORIGIN} from './support.js';

contractSuite('app.request', async () => {
  const upstream = memoryUpstream();
  const app = createProxy(loadConfig({...CONTRACT_ENV, PALOMMA_API_URL: `${SANDBOX_ORIGIN}/v1`}), {
    fetch: upstream.fetch,
    log: () => {},
  });
  return {
    request: async (path, init) => app.request(path, init),
    close: () => upstream.close(),
  };
});
