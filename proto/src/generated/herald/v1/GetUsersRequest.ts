// Original file: herald/v1/users.proto


export interface GetUsersRequest {
  'ids'?: (string)[];
}

export interface GetUsersRequest__Output {
  'ids': (string)[];
}
