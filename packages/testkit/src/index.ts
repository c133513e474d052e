export { createTestEnvironment, type TestEnvironment } from './test-environment';
export { freePort } from './free-port';
export { waitFor, type WaitOptions } from './wait-for';
export { startSmtpSink, type SmtpSink, type ReceivedMail } from './smtp-sink';
export { deleteTopology } from './delete-topology';
