// The calendar, client side: a month's events, one's private feed address and its reset.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarFeed, CalendarList } from '../../../shared/contracts/calendar';
import { get, post, qs } from '../../lib/api';

export const useCalendar = (q: { from: string; to: string; organisationId?: string; province?: string }) =>
  useQuery({
    queryKey: ['calendar', q],
    queryFn: () => get<CalendarList>(`/api/calendar${qs(q)}`),
    placeholderData: keepPreviousData,
  });

export const useFeed = () => useQuery({ queryKey: ['calendar', 'feed'], queryFn: () => get<CalendarFeed>('/api/calendar/feed') });

export const useResetFeed = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => post<CalendarFeed>('/api/calendar/feed/reset'),
    onSuccess: (d) => qc.setQueryData(['calendar', 'feed'], d),
  });
};
