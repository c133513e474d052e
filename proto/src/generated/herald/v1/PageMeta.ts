// Original file: herald/v1/notifications.proto


export interface PageMeta {
  'total'?: (number);
  'limit'?: (number);
  'page'?: (number);
  'total_pages'?: (number);
  'has_next'?: (boolean);
  'has_previous'?: (boolean);
}

export interface PageMeta__Output {
  'total': (number);
  'limit': (number);
  'page': (number);
  'total_pages': (number);
  'has_next': (boolean);
  'has_previous': (boolean);
}
