import { readFileSync } from 'node:fs';

/** What global-setup tells the tests about the running system (they run in other processes). */
export interface SystemState {
  readonly gatewayUrl: string;
  readonly adminApiKey: string;
  readonly smtpInspectUrl: string;
  /** GET: the spans every service exported (fetchSinkSpans). */
  readonly otlpInspectUrl: string;
  readonly ports: Record<string, number>;
  readonly internalToken: string;
  /** The AMQP_PREFIX every service of this run names its exchanges and queues with. */
  readonly amqpPrefix: string;
  /** The users service's JWT signing secret. */
  readonly jwtSecret: string;
  readonly logDir: string;
}

export const STATE_ENV = 'HERALD_E2E_STATE';

export function readSystemState(): SystemState {
  const path = process.env[STATE_ENV];
  if (!path)
    throw new Error(
      `${STATE_ENV} is not set: run the e2e project through jest (global-setup starts the system)`,
    );
  return JSON.parse(readFileSync(path, 'utf8')) as SystemState;
}
