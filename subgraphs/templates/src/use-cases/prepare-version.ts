import { BadUserInputError } from '@herald/errors';
import { deriveTextFromHtml, type TemplateEngine } from '@herald/rendering';
import type { Channel, TemplateContent } from '../domain/template';
import type { NewTemplateVersion } from './ports';
import { channelContentIssues, type VersionContentInput } from './template-inputs';

/**
 * Content as a version stores it: the channel's rules checked and the text body derived from the
 * HTML when absent. A saved version and a draft preview both start here.
 */
export function prepareContent(channel: Channel, input: VersionContentInput): TemplateContent {
  const issues = channelContentIssues(channel, input);
  if (issues.length > 0) {
    throw new BadUserInputError(
      `invalid input: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`,
      issues,
    );
  }
  const bodyHtml = input.bodyHtml ?? null;
  return {
    subject: input.subject ?? null,
    title: input.title ?? null,
    body: input.body ?? deriveTextFromHtml(bodyHtml ?? ''),
    bodyHtml,
    imageUrl: input.imageUrl ?? null,
    link: input.link ?? null,
  };
}

/** A version ready to store: its content prepared, and its sources compiled once to refuse errors and list the variables. */
export function prepareVersion(
  engine: Pick<TemplateEngine, 'check'>,
  channel: Channel,
  input: VersionContentInput & { readonly locale: string; readonly publish: boolean },
): Omit<NewTemplateVersion, 'number'> {
  const content = prepareContent(channel, input);
  const { variables } = engine.check(content);
  return { ...content, locale: input.locale, variables, published: input.publish };
}
