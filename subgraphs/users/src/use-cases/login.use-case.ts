import { UnauthenticatedError } from '@herald/errors';
import type { IssuedToken } from '../domain/access-token';
import { normalizeEmail } from '../domain/email';
import type { UserProfile } from '../domain/user';
import type { UserRepository } from './ports';

export interface LoginCommand {
  readonly email: string;
  readonly password: string;
}

export interface AuthPayload extends IssuedToken {
  readonly user: UserProfile;
}

export interface LoginDeps {
  readonly users: Pick<UserRepository, 'findCredentials' | 'findProfiles'>;
  readonly verifyPassword: (password: string, hash: string) => Promise<boolean>;
  /** A hash of no one's password, verified when the email is unknown so both paths cost one hash. */
  readonly dummyHash: string;
  readonly issueToken: (userId: string) => Promise<IssuedToken>;
}

/** One message for every failure, so the answer does not tell which emails have accounts. */
const WRONG_CREDENTIALS = 'wrong email or password';

export function makeLogin({ users, verifyPassword, dummyHash, issueToken }: LoginDeps) {
  return async function login({ email, password }: LoginCommand): Promise<AuthPayload> {
    const credentials = await users.findCredentials(normalizeEmail(email));
    const matches = await verifyPassword(password, credentials?.passwordHash ?? dummyHash);
    if (!credentials || !matches) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    const [user] = await users.findProfiles([credentials.id]);
    if (!user) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    return { ...(await issueToken(user.id)), user };
  };
}

export type Login = ReturnType<typeof makeLogin>;
