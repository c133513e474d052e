export { ERROR_CODES, type ErrorCode, describeErrorCode } from './error-codes';
export {
  HeraldError,
  NotFoundError,
  BadUserInputError,
  UnprocessableError,
  ConflictError,
  UnauthenticatedError,
  ForbiddenError,
  UnavailableError,
  InternalError,
  RateLimitedError,
  PayloadTooLargeError,
  errorFromCode,
  isHeraldError,
  type FieldIssue,
} from './herald-error';
