// Original file: herald/v1/users.proto

import type { QuietHours as _herald_v1_QuietHours, QuietHours__Output as _herald_v1_QuietHours__Output } from '../../herald/v1/QuietHours';

export interface Preferences {
  'email'?: (boolean);
  'push'?: (boolean);
  'opted_out_categories'?: (string)[];
  'quiet_hours'?: (_herald_v1_QuietHours | null);
}

export interface Preferences__Output {
  'email': (boolean);
  'push': (boolean);
  'opted_out_categories': (string)[];
  'quiet_hours': (_herald_v1_QuietHours__Output | null);
}
