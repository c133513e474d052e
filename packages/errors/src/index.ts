export {
  ERROR_CODES,
  GRAPHQL_REQUEST_ERROR_CODES,
  type ErrorCode,
  type GraphQLRequestErrorCode,
  describeErrorCode,
} from './error-codes';
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
