// Long work shown as a figure, not a spinner: an upload's percentage (XMLHttpRequest upload progress), then the
// server's work (rows read / matched / written: the upload carries an id the client made up, x-progress-id, and the
// figure is polled from GET /api/progress/:id while the answer is awaited), then the rows it processed; a download's bytes received (a fetch body read chunk by chunk) and
// saved as the browser's download. The figure's words come from the locale files (progress.*).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, apiErrorOf, csrfHeaders, languageHeaders } from './api';
import type { Transfer } from './transferFigure';

export type { Transfer } from './transferFigure';

/** The progress of one transfer at a time, for a component to show with <TransferProgress>. */
export function useTransfer() {
  const [progress, setProgress] = useState<Transfer | null>(null);
  const reset = useCallback(() => setProgress(null), []);
  // Aborted when the component goes: polls of the server's figure stop then (the upload itself goes on). Made in the
  // effect, so that a remount (React's strict mode) gets a fresh one.
  const mounted = useRef<AbortController | null>(null);
  useEffect(() => {
    const c = new AbortController();
    mounted.current = c;
    return () => c.abort();
  }, []);
  return {
    progress,
    onProgress: setProgress,
    reset,
    get signal(): AbortSignal | undefined {
      return mounted.current?.signal;
    },
  };
}

/** How often the server's figure is asked for while it works, ms. */
const POLL_MS = 500;

/** An id for one piece of work (x-progress-id): 32 random hex digits. */
export function progressId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

type Work = NonNullable<Transfer['work']>;

/** Polls the server's figure of work `id` every POLL_MS until `stop()` is called or `signal` aborts, handing each figure
 *  to `onWork`. A 404 (not started yet, or the poll reached another copy of the server: the figure is per process) and
 *  network errors are ignored: the figure already shown stays. */
function pollWork(id: string, onWork: (w: Work) => void, signal?: AbortSignal): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
  };
  signal?.addEventListener('abort', stop, { once: true });
  const tick = async () => {
    if (stopped) return;
    try {
      const res = await fetch(`/api/progress/${encodeURIComponent(id)}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json', ...languageHeaders() },
        signal,
      });
      if (res.ok) {
        const w = (await res.json()) as Work & { finished?: boolean };
        if (stopped) return;
        if (typeof w.done === 'number' && ['read', 'match', 'write'].includes(w.stage))
          onWork({ stage: w.stage, done: w.done, total: typeof w.total === 'number' ? w.total : null });
        if (w.finished) return stop();
      }
    } catch {
      /* a failed poll changes nothing: the answer to the upload decides */
    }
    if (!stopped) timer = setTimeout(() => void tick(), POLL_MS);
  };
  timer = setTimeout(() => void tick(), POLL_MS / 2);
  return stop;
}

/** The number of rows an import's answer reports (`rows`, or `total`/`read`), if any. */
function rowsOf(json: unknown): number | null {
  if (!json || typeof json !== 'object') return null;
  const o = json as Record<string, unknown>;
  for (const k of ['rows', 'total', 'read']) if (typeof o[k] === 'number') return o[k];
  return null;
}

/** POSTs a form (a file to import) with XMLHttpRequest so its upload progress can be shown; the answer as `api`'s.
 *  While the server works, its figure (rows read / matched / written) is polled and reported as `work`; `signal` stops
 *  the polls (the component went). `countRows` reads the number of rows processed from the answer (default: its
 *  `rows`, `total` or `read`). */
export function uploadForm<T>(
  path: string,
  body: FormData,
  onProgress: (p: Transfer) => void,
  countRows: (answer: T) => number | null = rowsOf,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    const id = progressId();
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...languageHeaders(),
      ...csrfHeaders(),
      'x-progress-id': id,
    };
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    let size: number | null = null;
    let settled = false;
    let stopPolling = () => undefined as void;
    const settle = () => {
      settled = true;
      stopPolling();
    };
    xhr.upload.onprogress = (e) => {
      size = e.lengthComputable ? e.total : null;
      if (!settled) onProgress({ phase: 'upload', loaded: e.loaded, total: size });
    };
    xhr.upload.onload = () => {
      if (settled) return;
      onProgress({ phase: 'processing', loaded: size ?? 0, total: size });
      stopPolling = pollWork(
        id,
        (work) => {
          if (!settled) onProgress({ phase: 'processing', loaded: size ?? 0, total: size, work });
        },
        signal,
      );
    };
    xhr.onerror = () => {
      settle();
      reject(new ApiError(0, 'network', 'network error'));
    };
    xhr.onabort = () => {
      settle();
      reject(new ApiError(0, 'network', 'aborted'));
    };
    xhr.onload = () => {
      settle();
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        /* not JSON: the status alone speaks */
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(apiErrorOf(path, xhr.status, xhr.statusText, json, Number(xhr.getResponseHeader('retry-after')) || undefined));
        return;
      }
      onProgress({ phase: 'done', loaded: size ?? 0, total: size, rows: countRows(json as T) });
      resolve(json as T);
    };
    onProgress({ phase: 'upload', loaded: 0, total: null });
    xhr.send(body);
  });
}

/** Downloads a file of the API as the browser's download, reporting the bytes received; the API's error when it
 *  refuses. */
export async function downloadFile(path: string, onProgress: (p: Transfer) => void, fallbackName = 'download'): Promise<void> {
  onProgress({ phase: 'download', loaded: 0, total: null });
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: languageHeaders() });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const json = (await res.json().catch(() => undefined)) as unknown;
    throw apiErrorOf(path, res.status, res.statusText, json);
  }
  // A compressed answer's Content-Length counts the compressed bytes: only trust it when the body is not encoded.
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 && !res.headers.get('content-encoding') ? length : null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let loaded = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      onProgress({ phase: 'download', loaded, total });
    }
  } else {
    const buf = new Uint8Array(await res.arrayBuffer());
    chunks.push(buf);
    loaded = buf.byteLength;
  }
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(new Blob(chunks, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = decodeURIComponent(name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  onProgress({ phase: 'done', loaded, total: total ?? loaded });
}
