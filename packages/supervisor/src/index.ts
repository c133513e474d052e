export {
  superviseServices,
  PortTakenError,
  STOP_GRACE_MS,
  type Supervisor,
  type SupervisorOutput,
} from './supervisor';
export { runSupervisor } from './run-supervisor';
export { consoleOutput } from './console-output';
export { findTakenPort, describeTakenPort, type TakenPort } from './taken-port';
export { findPortHolder, type PortHolder } from './port-holder';
export { restartDelayMs } from './restart-delay';
export {
  heraldServices,
  loadHeraldPorts,
  HERALD_SERVICE_NAMES,
  type HeraldPorts,
  type HeraldServiceName,
} from './herald-services';
export type { ServiceSpec, ServicePort } from './service-spec';
