import { pageMeta, pageOffset, type PageMeta, type PageRequest } from '@herald/paging';
import type { UserProfile } from '../domain/user';
import type { UserRepository } from './ports';

export interface UserList {
  readonly items: readonly UserProfile[];
  readonly meta: PageMeta;
}

export function makeListUsers({ users }: { readonly users: Pick<UserRepository, 'findPage'> }) {
  return async function listUsers(request: PageRequest): Promise<UserList> {
    const { profiles, total } = await users.findPage(pageOffset(request), request.limit);
    return { items: profiles, meta: pageMeta(total, request) };
  };
}

export type ListUsers = ReturnType<typeof makeListUsers>;
