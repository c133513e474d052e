// Original file: herald/v1/templates.proto


export interface GetTemplateVersionRequest {
  'code'?: (string);
  'locale'?: (string);
  'version'?: (number);
}

export interface GetTemplateVersionRequest__Output {
  'code': (string);
  'locale': (string);
  'version': (number);
}
