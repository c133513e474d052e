// The supervisor as `npm start` runs it (runSupervisor), on what a test gives in
// SUPERVISE_FIXTURE (JSON): the shared environment, extra variables per service, and the
// services to run (all six unless `only` names some).
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { heraldServices, loadHeraldPorts, runSupervisor } = require('../dist/index.js');

const { env, serviceEnv, only } = JSON.parse(process.env.SUPERVISE_FIXTURE ?? '{}');
const services = heraldServices(env, loadHeraldPorts(env), serviceEnv).filter(
  (service) => !only || only.includes(service.name),
);
await runSupervisor(services, join(import.meta.dirname, '..', '..', '..'));
