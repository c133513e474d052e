// Original file: herald/v1/templates.proto


export interface RenderTemplateRequest {
  'code'?: (string);
  'locale'?: (string);
  'version'?: (number);
  'variables_json'?: (string);
}

export interface RenderTemplateRequest__Output {
  'code': (string);
  'locale': (string);
  'version': (number);
  'variables_json': (string);
}
