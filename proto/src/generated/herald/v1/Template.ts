// Original file: herald/v1/templates.proto


export interface Template {
  'code'?: (string);
  'channel'?: (string);
  'version'?: (number);
  'locale'?: (string);
  'variables'?: (string)[];
}

export interface Template__Output {
  'code': (string);
  'channel': (string);
  'version': (number);
  'locale': (string);
  'variables': (string)[];
}
