/** A BCP 47 tag in canonical form (`pt-br` → `pt-BR`), or undefined when it is not a valid tag. */
export function canonicalizeLocale(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

function languageOf(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/** The locales to try, in order: the exact tag, its language, then the template's default locale. */
export function localeCandidates(requested: string | undefined, defaultLocale: string): string[] {
  const candidates = requested ? [requested, languageOf(requested), defaultLocale] : [defaultLocale];
  return [...new Set(candidates.map((candidate) => candidate.toLowerCase()))];
}

interface LocalizedVersion {
  readonly number: number;
  readonly locale: string;
  readonly published: boolean;
}

/** The newest published version for the first candidate locale that has one. */
export function selectPublishedVersion<V extends LocalizedVersion>(
  versions: readonly V[],
  requested: string | undefined,
  defaultLocale: string,
): V | undefined {
  for (const candidate of localeCandidates(requested, defaultLocale)) {
    const newest = versions
      .filter((version) => version.published && version.locale.toLowerCase() === candidate)
      .reduce<V | undefined>(
        (best, version) => (best && best.number > version.number ? best : version),
        undefined,
      );
    if (newest) return newest;
  }
  return undefined;
}

/**
 * Dates and numbers follow the reader's region when the text is in their language
 * (`en-GB` reading an `en` version gets day-first dates), else the language of the text.
 */
export function formattingLocale(requested: string | undefined, versionLocale: string): string {
  return requested && languageOf(requested) === languageOf(versionLocale) ? requested : versionLocale;
}
