export interface PageRequest {
  /** 1-based. */
  readonly page: number;
  readonly limit: number;
}

/** The pagination block of every list (GraphQL PageMeta; the REST shim writes it in snake_case). */
export interface PageMeta {
  readonly total: number;
  readonly limit: number;
  readonly page: number;
  readonly totalPages: number;
  readonly hasNext: boolean;
  readonly hasPrevious: boolean;
}

export function pageOffset({ page, limit }: PageRequest): number {
  return (page - 1) * limit;
}

export function pageMeta(total: number, { page, limit }: PageRequest): PageMeta {
  const totalPages = Math.ceil(total / limit);
  return { total, limit, page, totalPages, hasNext: page < totalPages, hasPrevious: page > 1 };
}

/** PageMeta as the original snake_case contract spells it: the REST envelope and the gRPC List answer. */
export interface SnakeCasePageMeta {
  readonly total: number;
  readonly limit: number;
  readonly page: number;
  readonly total_pages: number;
  readonly has_next: boolean;
  readonly has_previous: boolean;
}

export function snakeCasePageMeta(meta: PageMeta): SnakeCasePageMeta {
  return {
    total: meta.total,
    limit: meta.limit,
    page: meta.page,
    total_pages: meta.totalPages,
    has_next: meta.hasNext,
    has_previous: meta.hasPrevious,
  };
}
