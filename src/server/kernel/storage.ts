// Content-addressed file store: bytes are kept once under DATA_DIR/files/<first two hex>/<sha256>, written to a
// temporary file in the same directory and renamed, so no half-written file is ever visible. Reads verify the
// hash before anything is served. File types are decided from the bytes; users' filenames never reach the disk.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from './errors.js';
import { stripUnstorable } from './input.js';
import { nfc } from './text.js';

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface FileStore {
  put(bytes: Buffer): Promise<StoredFile>;
  /** A stream of the whole file (or of `range`, inclusive) after its hash was verified; AppError 'internal' on mismatch. */
  open(sha256: string, range?: { start: number; end: number }): Promise<{ stream: Readable; size: number }>;
  has(sha256: string): Promise<boolean>;
}

const HEX = /^[0-9a-f]{64}$/;

export function createFileStore(dataDir: string, log: (msg: string, extra?: object) => void = () => {}): FileStore {
  const root = path.join(dataDir, 'files');
  const fileOf = (sha: string) => {
    if (!HEX.test(sha)) throw new AppError('not_found', 'File not found');
    return path.join(root, sha.slice(0, 2), sha);
  };
  const hashFile = (file: string) =>
    new Promise<string>((resolve, reject) => {
      const h = crypto.createHash('sha256');
      fs.createReadStream(file)
        .on('data', (c) => h.update(c))
        .on('error', reject)
        .on('end', () => resolve(h.digest('hex')));
    });

  return {
    async put(bytes) {
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      const file = fileOf(sha256);
      if (await exists(file)) return { sha256, size: bytes.length };
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const tmp = path.join(path.dirname(file), `.tmp-${crypto.randomBytes(8).toString('hex')}`);
      try {
        await fsp.writeFile(tmp, bytes, { flag: 'wx' });
        await fsp.rename(tmp, file); // atomic within one directory; a concurrent identical put is harmless
      } catch (e) {
        await fsp.rm(tmp, { force: true });
        throw e;
      }
      return { sha256, size: bytes.length };
    },
    async open(sha256, range) {
      const file = fileOf(sha256);
      let size: number;
      try {
        size = (await fsp.stat(file)).size;
      } catch {
        log('stored file missing', { sha256 });
        throw new AppError('internal', 'A stored file is missing; it has been logged');
      }
      // Verify at open: a corrupted file is never served, not even in part.
      const actual = await hashFile(file);
      if (actual !== sha256) {
        log('stored file failed its integrity check', { sha256, actual });
        throw new AppError('internal', 'A stored file failed its integrity check; it has been logged');
      }
      const stream = fs.createReadStream(file, range ? { start: range.start, end: range.end } : undefined);
      return { stream, size };
    },
    async has(sha256) {
      return HEX.test(sha256) && exists(fileOf(sha256));
    },
  };
}

async function exists(file: string) {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}

// ---- file types from the bytes ----
export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  mp4: 'video/mp4',
  txt: 'text/plain; charset=utf-8',
  mp3: 'audio/mpeg',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  ogv: 'video/ogg',
  flac: 'audio/flac',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
} as const;

const starts = (b: Buffer, sig: number[] | string, at = 0) => {
  const s = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
  return b.length >= at + s.length && b.subarray(at, at + s.length).equals(s);
};

/** The media type of `bytes`; the declared name only chooses between docx/xlsx/zip and permits .txt. Null when refused
 *  (executables, HTML, SVG — which can carry script — and anything unrecognised). */
export function sniffMediaType(bytes: Buffer, declaredName = ''): string | null {
  const ext = path.extname(declaredName).toLowerCase();
  if (starts(bytes, '%PDF-')) return MEDIA_TYPES.pdf;
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return MEDIA_TYPES.png;
  if (starts(bytes, [0xff, 0xd8, 0xff])) return MEDIA_TYPES.jpg;
  if (starts(bytes, 'GIF87a') || starts(bytes, 'GIF89a')) return MEDIA_TYPES.gif;
  if (starts(bytes, 'RIFF') && starts(bytes, 'WEBP', 8)) return MEDIA_TYPES.webp;
  if (starts(bytes, 'ftyp', 4)) return /^M4[ABP] $/.test(bytes.subarray(8, 12).toString('latin1')) ? MEDIA_TYPES.m4a : MEDIA_TYPES.mp4;
  if (starts(bytes, 'RIFF') && starts(bytes, 'WAVE', 8)) return MEDIA_TYPES.wav;
  if (starts(bytes, 'OggS')) return bytes.subarray(0, 512).includes('\x80theora', 0, 'latin1') ? MEDIA_TYPES.ogv : MEDIA_TYPES.ogg;
  if (starts(bytes, 'fLaC')) return MEDIA_TYPES.flac;
  if (starts(bytes, [0x1a, 0x45, 0xdf, 0xa3]))
    return bytes.subarray(0, 64).includes('webm', 0, 'latin1') ? MEDIA_TYPES.webm : MEDIA_TYPES.mkv;
  if (starts(bytes, 'ID3')) return MEDIA_TYPES.mp3;
  const frame = audioFrame(bytes);
  if (frame) return frame;
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04]))
    return ext === '.docx' ? MEDIA_TYPES.docx : ext === '.xlsx' ? MEDIA_TYPES.xlsx : MEDIA_TYPES.zip;
  if (ext === '.txt' && isUtf8Text(bytes)) return MEDIA_TYPES.txt;
  return null;
}

/** An MPEG audio frame header (MP3: 11 sync bits, a valid version, layer, bit rate and sample rate) or an ADTS
 *  header (AAC: 12 sync bits, layer 00) at the start of `b`. */
function audioFrame(b: Buffer): string | null {
  if (b.length < 4 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return null;
  const version = (b[1]! >> 3) & 3,
    layer = (b[1]! >> 1) & 3;
  if ((b[1]! & 0xf6) === 0xf0) return ((b[2]! >> 2) & 0xf) < 13 ? MEDIA_TYPES.aac : null; // ADTS: valid sampling index
  if (version === 1 || layer === 0) return null; // reserved
  const bitrate = b[2]! >> 4,
    rate = (b[2]! >> 2) & 3;
  return bitrate !== 0xf && bitrate !== 0 && rate !== 3 ? MEDIA_TYPES.mp3 : null;
}

function isUtf8Text(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Control characters other than tab, newline, carriage return and form feed mean binary.
  return !bytes.some((c) => c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12);
}

/** An uploaded document checked before it is stored: a caption of at most 500 characters, some bytes, and a type
 *  read from the bytes that is accepted (else 415). Returns the media type, the caption (NFC) and the safe filename. */
export function acceptDocument(upload: { bytes: Buffer; filename: string; caption?: string | undefined }): {
  mediaType: string;
  caption: string | null;
  filename: string;
} {
  const caption = (upload.caption ?? '').trim();
  if (caption.length > 500)
    throw new AppError('validation_failed', 'The caption is too long', [{ field: 'caption', message: 'at most 500 characters' }]);
  if (!upload.bytes.length) throw new AppError('validation_failed', 'The file is empty', [{ field: 'file', message: 'empty file' }]);
  const mediaType = sniffMediaType(upload.bytes, upload.filename);
  if (!mediaType) {
    throw new AppError(
      'unsupported_media_type',
      'This kind of file is not accepted: PDF, images (PNG, JPEG, GIF, WebP), Word, Excel, ZIP, MP4 or UTF-8 text',
      [{ field: 'file', message: 'the content is not an accepted file type' }],
    );
  }
  return { mediaType, caption: caption ? nfc(caption) : null, filename: sanitizeFilename(upload.filename) };
}

// eslint-disable-next-line no-control-regex -- control characters are what a filename must not keep
const FILENAME_UNSAFE = /[\u0000-\u001f\u007f"]/g;

/** A user's filename made safe as metadata: no path, no control characters, NFC, at most 200 characters. */
export function sanitizeFilename(name: string): string {
  const base = stripUnstorable(name.normalize('NFC')).split(/[\\/]/).pop() ?? '';
  const clean = base.replace(FILENAME_UNSAFE, '').replace(/^\.+/, '').trim().slice(0, 200);
  return clean || 'file';
}

/** Content-Disposition with an ASCII fallback and the RFC 5987 `filename*` for the real name. */
export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const safe = sanitizeFilename(name);
  const ascii = safe
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/[\\"%;]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Parses a single `bytes=` range against `size`; undefined when absent or multi-range, 'unsatisfiable' when out of bounds. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return header.trim().startsWith('bytes=') && !header.includes(',') ? 'unsatisfiable' : undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
