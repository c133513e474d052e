export interface RpcName {
  /** "herald.v1.UserService/GetUser": the span name, and the rpc field of log lines. */
  readonly span: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Span name and semantic-convention attributes of a method, from its path "/pkg.Service/Method". */
export function rpcNameOf(definition: unknown, method: string): RpcName {
  const path = (definition as { path?: unknown } | undefined)?.path;
  const [service = 'unknown', name = method] =
    typeof path === 'string' ? path.replace(/^\//, '').split('/') : [];
  return {
    span: `${service}/${name}`,
    attributes: { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': name },
  };
}
