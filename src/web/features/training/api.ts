// Queries of the training workspace (rosters, courses, sessions, coverage, the coverage rule).
import { useQuery } from '@tanstack/react-query';
import type { Attendance, Course, CoverageResult, CoverageRule, Person, Session } from '../../../shared/contracts/training';
import { get, qs } from '../../lib/api';
import { fmtShare } from '../../lib/format';

export const trainingKeys = { all: ['training'] as const };

export const useRoster = (q: { q?: string; group?: string; offset: number }) =>
  useQuery({
    queryKey: ['training', 'roster', q],
    queryFn: () => get<{ items: Person[]; total: number }>(`/api/training/people${qs({ ...q, limit: 50 })}`),
  });
export const useDuplicates = () =>
  useQuery({ queryKey: ['training', 'duplicates'], queryFn: () => get<{ key: string; people: Person[] }[]>('/api/training/duplicates') });
export const useCourses = () => useQuery({ queryKey: ['training', 'courses'], queryFn: () => get<Course[]>('/api/training/courses') });
export const useSessions = () => useQuery({ queryKey: ['training', 'sessions'], queryFn: () => get<Session[]>('/api/training/sessions') });
export const useCoverage = (q: { asOf?: string; group?: string; status?: string; person?: number | null; offset: number }) =>
  useQuery({
    queryKey: ['training', 'coverage', q],
    queryFn: () => get<CoverageResult>(`/api/training/coverage${qs({ ...q, limit: 50 })}`),
  });
export const useRule = () =>
  useQuery({
    queryKey: ['training', 'rule'],
    queryFn: () => get<{ rule: CoverageRule; methodNote: { vi: string; en: string } }>('/api/training/rule'),
  });

/** n of d as a percentage the reader's way (vi "89,9 %", en "89.9%"). */
export const pct = (n: number, d: number, lang: string) => fmtShare(n, d, lang);
export const useAttendance = (sessionId: number) =>
  useQuery({
    queryKey: ['training', 'attendance', sessionId],
    queryFn: () => get<Attendance[]>(`/api/training/sessions/${sessionId}/attendance`),
  });
