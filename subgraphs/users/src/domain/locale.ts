/** language[-Script][-REGION], e.g. `en`, `pt-BR`, `zh-Hant-TW`, `es-419`; no extensions or variants. */
const LOCALE_SHAPE = /^[a-z]{2,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?$/i;

/** The canonical casing of a BCP-47-ish locale tag (`pt-br` → `pt-BR`), or undefined when it is not one. */
export function canonicalLocale(tag: string): string | undefined {
  if (!LOCALE_SHAPE.test(tag)) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
