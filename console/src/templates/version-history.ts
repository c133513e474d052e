import type { TemplateVersion } from '@herald/client';

export interface LocaleHistory {
  readonly locale: string;
  /** Newest first. */
  readonly versions: readonly TemplateVersion[];
  /** The published one, which a send of this locale uses; null when none is. */
  readonly active: TemplateVersion | null;
}

/** A template's versions by locale, the default locale first, then by name. */
export function historyByLocale(
  versions: readonly TemplateVersion[],
  defaultLocale: string,
): LocaleHistory[] {
  const locales = [...new Set(versions.map((version) => version.locale))].sort((a, b) =>
    a === defaultLocale ? -1 : b === defaultLocale ? 1 : a.localeCompare(b),
  );
  return locales.map((locale) => {
    const ofLocale = versions
      .filter((version) => version.locale === locale)
      .sort((a, b) => b.number - a.number);
    return { locale, versions: ofLocale, active: ofLocale.find((version) => version.published) ?? null };
  });
}
