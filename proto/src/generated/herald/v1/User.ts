// Original file: herald/v1/users.proto

import type { Preferences as _herald_v1_Preferences, Preferences__Output as _herald_v1_Preferences__Output } from '../../herald/v1/Preferences';
import type { Device as _herald_v1_Device, Device__Output as _herald_v1_Device__Output } from '../../herald/v1/Device';

export interface User {
  'id'?: (string);
  'email'?: (string);
  'name'?: (string);
  'locale'?: (string);
  'preferences'?: (_herald_v1_Preferences | null);
  'devices'?: (_herald_v1_Device)[];
  'email_suppressed'?: (boolean);
}

export interface User__Output {
  'id': (string);
  'email': (string);
  'name': (string);
  'locale': (string);
  'preferences': (_herald_v1_Preferences__Output | null);
  'devices': (_herald_v1_Device__Output)[];
  'email_suppressed': (boolean);
}
