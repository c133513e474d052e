// Original file: herald/v1/users.proto

import type { User as _herald_v1_User, User__Output as _herald_v1_User__Output } from '../../herald/v1/User';

export interface GetUsersResponse {
  'users'?: (_herald_v1_User)[];
}

export interface GetUsersResponse__Output {
  'users': (_herald_v1_User__Output)[];
}
