export {
  pageMeta,
  pageOffset,
  snakeCasePageMeta,
  type PageMeta,
  type PageRequest,
  type SnakeCasePageMeta,
} from './page';
