/** A port a service binds, and the variable that moves it. */
export interface ServicePort {
  readonly port: number;
  readonly variable: string;
}

/** One process the supervisor runs. */
export interface ServiceSpec {
  readonly name: string;
  /** The entry point, relative to the supervisor's working directory. */
  readonly main: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Checked free before every start, so a taken port is named instead of crash-looping. */
  readonly ports: readonly ServicePort[];
  /** Answers 200 once the service is up. */
  readonly healthUrl: string;
}
