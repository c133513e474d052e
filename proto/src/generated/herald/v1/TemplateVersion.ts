// Original file: herald/v1/templates.proto


export interface TemplateVersion {
  'code'?: (string);
  'channel'?: (string);
  'number'?: (number);
  'locale'?: (string);
  'subject'?: (string);
  'title'?: (string);
  'body'?: (string);
  'body_html'?: (string);
  'image_url'?: (string);
  'link'?: (string);
  'variables'?: (string)[];
}

export interface TemplateVersion__Output {
  'code': (string);
  'channel': (string);
  'number': (number);
  'locale': (string);
  'subject': (string);
  'title': (string);
  'body': (string);
  'body_html': (string);
  'image_url': (string);
  'link': (string);
  'variables': (string)[];
}
