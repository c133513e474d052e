import { BadUserInputError } from '@herald/errors';
import { deriveTextFromHtml, type TemplateEngine } from '@herald/rendering';
import type { Channel } from '../domain/template';
import type { NewTemplateVersion } from '../store/template.repository';
import { channelContentIssues, type VersionContentInput } from './template-inputs';

/**
 * A version ready to store: the channel's rules checked, the text body derived from the HTML
 * when absent, and the sources compiled once to refuse errors and list the variables.
 */
export function prepareVersion(
  engine: Pick<TemplateEngine, 'check'>,
  channel: Channel,
  input: VersionContentInput & { readonly locale: string; readonly publish: boolean },
): Omit<NewTemplateVersion, 'number'> {
  const issues = channelContentIssues(channel, input);
  if (issues.length > 0) {
    throw new BadUserInputError(
      `invalid input: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`,
      issues,
    );
  }
  const bodyHtml = input.bodyHtml ?? null;
  const sources = {
    subject: input.subject ?? null,
    title: input.title ?? null,
    body: input.body ?? deriveTextFromHtml(bodyHtml ?? ''),
    bodyHtml,
  };
  const { variables } = engine.check(sources);
  return {
    ...sources,
    locale: input.locale,
    imageUrl: input.imageUrl ?? null,
    link: input.link ?? null,
    variables,
    published: input.publish,
  };
}
