import { EntitySchema } from 'typeorm';
import type { QuietHours } from '../domain/preferences';

export interface PreferencesRow {
  userId: string;
  email: boolean;
  push: boolean;
  optedOutCategories: string[];
  quietHours: QuietHours | null;
}

export const PreferencesEntity = new EntitySchema<PreferencesRow>({
  name: 'Preferences',
  tableName: 'preferences',
  columns: {
    userId: { type: 'uuid', primary: true, name: 'user_id' },
    email: { type: 'boolean', default: true },
    push: { type: 'boolean', default: true },
    optedOutCategories: { type: 'text', array: true, name: 'opted_out_categories', default: () => "'{}'" },
    quietHours: { type: 'jsonb', name: 'quiet_hours', nullable: true },
  },
});
