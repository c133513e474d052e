import { ERROR_CLASSES, InternalError, type HeraldErrorCode } from '../generated/error-classes.ts';
import type { HeraldClientError, HeraldClientErrorInit } from './herald-client-error.ts';

export function isHeraldErrorCode(code: unknown): code is HeraldErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CLASSES, code);
}

/** The class of the code; a code the client does not know is an internal fault, keeping what was said. */
export function errorFromCode(
  code: unknown,
  message: string,
  init: HeraldClientErrorInit = {},
): HeraldClientError {
  if (isHeraldErrorCode(code)) return new ERROR_CLASSES[code](message, init);
  const details = code === undefined ? init.details : { ...init.details, unknownCode: code };
  return new InternalError(message, { ...init, details });
}
