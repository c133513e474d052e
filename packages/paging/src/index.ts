export { pageMeta, pageOffset, type PageMeta, type PageRequest } from './page';
