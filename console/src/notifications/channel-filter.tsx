import type { Channel } from '@herald/client';
import { useState } from 'react';
import { SelectField } from '../shared/field.tsx';
import { CHANNEL_OPTIONS } from './notification-filters.ts';

/** A list's channel filter and its page: choosing another channel goes back to the first page. */
export function useChannelFilter() {
  const [channel, setChannel] = useState<Channel | ''>('');
  const [page, setPage] = useState(1);
  const chooseChannel = (chosen: Channel | '') => {
    setChannel(chosen);
    setPage(1);
  };
  return { channel, chooseChannel, page, setPage };
}

/** The "Channel" select of a list's filters, "Any" (no filter) first. */
export function ChannelSelect({
  value,
  onChoose,
}: {
  readonly value: Channel | '';
  readonly onChoose: (channel: Channel | '') => void;
}) {
  return (
    <SelectField
      label="Channel"
      value={value}
      onChange={(event) => onChoose(event.target.value as Channel | '')}
      options={CHANNEL_OPTIONS}
    />
  );
}
