import { createRepeatFilter } from './repeat-filter.ts';

describe('the repeat filter of a watch', () => {
  it('drops the current status a resubscription brings again, and sequences already seen', () => {
    const isRepeat = createRepeatFilter();
    const seen = [
      { notificationId: 'n1', status: 'ACCEPTED', sequence: null },
      { notificationId: 'n1', status: 'QUEUED', sequence: 2 },
      // resubscribed: the current status again, then a straggler, then news
      { notificationId: 'n1', status: 'QUEUED', sequence: null },
      { notificationId: 'n1', status: 'QUEUED', sequence: 2 },
      { notificationId: 'n1', status: 'DELIVERED', sequence: 4 },
      // resubscribed after a change it missed: the new current status is news
      { notificationId: 'n1', status: 'BOUNCED', sequence: null },
      { notificationId: 'n2', status: 'QUEUED', sequence: 1 },
    ].filter((event) => !isRepeat(event));
    expect(seen.map(({ status, sequence }) => `${status}:${sequence}`)).toEqual([
      'ACCEPTED:null',
      'QUEUED:2',
      'DELIVERED:4',
      'BOUNCED:null',
      'QUEUED:1',
    ]);
  });
});
