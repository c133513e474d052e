// Original file: herald/v1/users.proto


export interface QuietHours {
  'start'?: (string);
  'end'?: (string);
  'timezone'?: (string);
}

export interface QuietHours__Output {
  'start': (string);
  'end': (string);
  'timezone': (string);
}
