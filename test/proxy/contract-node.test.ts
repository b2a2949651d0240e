/** The HTTP contract through a real Node server on loopback, with the local sandbox started in the same process. */
import {startServer} from '../../proxy/server.js';
import {CONTRACT_ENV, contractSuite} from './contract.js';

contractSuite('Node server', async () => {
  const server = await startServer({env: CONTRACT_ENV, port: 0, log: () => {}});
  return {
    request: (path, init) => fetch(`${server.url}/api/palomma${path}`, init),
    close: () => server.close(),
  };
});
