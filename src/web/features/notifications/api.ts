// Notifications, client side: the inbox, the unread count (the header's bell polls it), marking read, one's choices.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationList, Preferences, PreferencesInput } from '../../../shared/contracts/notifications';
import { get, post, put, qs } from '../../lib/api';

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (q: Record<string, unknown>) => ['notifications', 'list', q] as const,
  preferences: ['notifications', 'preferences'] as const,
};

/** The unread count, looked at again every minute and whenever the window gets the focus back. */
export const useUnreadCount = (enabled: boolean) =>
  useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => get<{ unread: number }>('/api/notifications/unread-count'),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });

export const useNotifications = (q: { unread?: string; limit: number; offset: number }) =>
  useQuery({
    queryKey: notificationKeys.list(q),
    queryFn: () => get<NotificationList>(`/api/notifications${qs(q)}`),
    placeholderData: keepPreviousData,
  });

export const usePreferences = () =>
  useQuery({ queryKey: notificationKeys.preferences, queryFn: () => get<Preferences>('/api/notifications/preferences') });

/** Marking read (one or all) refreshes the list and the bell. */
export function useMarkRead() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: notificationKeys.all });
  return {
    one: useMutation({ mutationFn: (id: number) => post<Notification>(`/api/notifications/${id}/read`), onSuccess: done }),
    all: useMutation({ mutationFn: () => post<{ marked: number }>('/api/notifications/read-all'), onSuccess: done }),
  };
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PreferencesInput) => put<Preferences>('/api/notifications/preferences', input),
    onSuccess: (p) => {
      qc.setQueryData(notificationKeys.preferences, p);
      void qc.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
}
