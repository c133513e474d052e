// Original file: herald/v1/templates.proto


export interface RenderedMessage {
  'code'?: (string);
  'channel'?: (string);
  'version'?: (number);
  'locale'?: (string);
  'subject'?: (string);
  'title'?: (string);
  'body'?: (string);
  'body_html'?: (string);
  'image_url'?: (string);
  'link'?: (string);
}

export interface RenderedMessage__Output {
  'code': (string);
  'channel': (string);
  'version': (number);
  'locale': (string);
  'subject': (string);
  'title': (string);
  'body': (string);
  'body_html': (string);
  'image_url': (string);
  'link': (string);
}
