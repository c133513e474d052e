import type { Channel, NotificationStatus, NotificationsQueryVariables } from '@herald/client';

/** Keyed by the schema's enums, so a status or channel added to the API fails the type check here. */
const STATUS_ORDER: Record<NotificationStatus, number> = {
  ACCEPTED: 1,
  SCHEDULED: 2,
  QUEUED: 3,
  SENDING: 4,
  RETRYING: 5,
  DELIVERED: 6,
  BOUNCED: 7,
  COMPLAINED: 8,
  FAILED: 9,
  SKIPPED: 10,
  CANCELLED: 11,
};
const CHANNEL_NAMES: Record<Channel, string> = { EMAIL: 'Email', PUSH: 'Push' };

export const NOTIFICATION_STATUSES = Object.keys(STATUS_ORDER) as NotificationStatus[];
export const CHANNELS = Object.keys(CHANNEL_NAMES) as Channel[];

/** The options of a status or channel select, "Any" first (an empty value: no filter). */
export const STATUS_OPTIONS = [
  { value: '', label: 'Any' },
  ...NOTIFICATION_STATUSES.map((value) => ({ value, label: value })),
];
export const CHANNEL_OPTIONS = [
  { value: '', label: 'Any' },
  ...CHANNELS.map((value) => ({ value, label: CHANNEL_NAMES[value] })),
];
export const PAGE_SIZE = 20;

/** The filters as the form and the address bar hold them: `from`/`to` are datetime-local values. */
export interface NotificationFilters {
  readonly userId: string;
  readonly status: NotificationStatus | '';
  readonly channel: Channel | '';
  readonly from: string;
  readonly to: string;
  readonly page: number;
}

export const NO_FILTERS: NotificationFilters = {
  userId: '',
  status: '',
  channel: '',
  from: '',
  to: '',
  page: 1,
};

/** Reads the filters from the address bar, so a filtered list can be bookmarked and shared. */
export function filtersFromSearch(search: URLSearchParams): NotificationFilters {
  const status = search.get('status') ?? '';
  const channel = search.get('channel') ?? '';
  const page = Number(search.get('page'));
  return {
    userId: search.get('user') ?? '',
    status: (NOTIFICATION_STATUSES as readonly string[]).includes(status)
      ? (status as NotificationStatus)
      : '',
    channel: (CHANNELS as readonly string[]).includes(channel) ? (channel as Channel) : '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export function searchFromFilters(filters: NotificationFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.userId.trim()) search.set('user', filters.userId.trim());
  if (filters.status) search.set('status', filters.status);
  if (filters.channel) search.set('channel', filters.channel);
  if (filters.from) search.set('from', filters.from);
  if (filters.to) search.set('to', filters.to);
  if (filters.page > 1) search.set('page', String(filters.page));
  return search;
}

/** Why the filters cannot be sent, by field; empty when they can. */
export function filterProblems(
  filters: NotificationFilters,
): Partial<Record<keyof NotificationFilters, string>> {
  const problems: Partial<Record<keyof NotificationFilters, string>> = {};
  const from = localTime(filters.from);
  const to = localTime(filters.to);
  if (filters.from && from === undefined) problems.from = 'Not a date and time';
  if (filters.to && to === undefined) problems.to = 'Not a date and time';
  if (from !== undefined && to !== undefined && from >= to) problems.to = 'Must be after "From"';
  return problems;
}

/**
 * The list query for the filters: empty fields are left out, the time range is sent as instants
 * (the browser's time zone gives the form's local times their meaning).
 */
export function notificationsQuery(filters: NotificationFilters): NotificationsQueryVariables {
  const from = localTime(filters.from);
  const to = localTime(filters.to);
  const filter = {
    ...(filters.userId.trim() ? { userId: filters.userId.trim() } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(from !== undefined ? { from: new Date(from).toISOString() } : {}),
    ...(to !== undefined ? { to: new Date(to).toISOString() } : {}),
  };
  return { filter, page: filters.page, limit: PAGE_SIZE };
}

function localTime(value: string): number | undefined {
  if (!value) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : time;
}
