import { EntitySchema } from 'typeorm';
import type { Role } from '../domain/user';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  locale: string;
  passwordHash: string;
  role: Role;
  createdAt: Date;
  updatedAt: Date;
}

export const UserEntity = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    email: { type: 'text' },
    name: { type: 'text' },
    locale: { type: 'text' },
    passwordHash: { type: 'text', name: 'password_hash' },
    role: { type: 'text', default: 'user' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
});
