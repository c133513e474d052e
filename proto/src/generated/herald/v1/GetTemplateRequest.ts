// Original file: herald/v1/templates.proto


export interface GetTemplateRequest {
  'code'?: (string);
  'locale'?: (string);
}

export interface GetTemplateRequest__Output {
  'code': (string);
  'locale': (string);
}
