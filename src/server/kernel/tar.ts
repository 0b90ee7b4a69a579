// A minimal POSIX tar (ustar) writer and reader for backup archives: regular files only, ASCII names of at most 100
// bytes, sizes of 8 GiB and more in GNU tar's base-256 form. Archives open with `tar -tvf` / `tar -xf` anywhere.
// The writer writes at explicit positions, so an entry whose length is known only at its end (a pg_dump stream) gets
// its header afterwards, and an entry can be taken back; the reader checks every header's checksum.
import crypto from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 512;
const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

export class TarError extends Error {}

export interface TarEntry {
  name: string;
  size: number;
  dataOffset: number;
}

function header(name: string, size: number, mtime: number): Buffer {
  if (!/^[\x21-\x7e]{1,100}$/.test(name) || name.startsWith('/') || name.split('/').includes('..'))
    throw new TarError(`Not an archive entry name: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 'ascii');
  h.write('0000644\0', 100, 'ascii');
  h.write('0000000\0', 108, 'ascii');
  h.write('0000000\0', 116, 'ascii');
  if (size < 8 ** 11) h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'ascii');
  else {
    h[124] = 0x80;
    h.writeBigUInt64BE(BigInt(size), 128);
  } // GNU base-256
  h.write(Math.floor(mtime).toString(8).padStart(11, '0') + '\0', 136, 'ascii');
  h.write('0', 156, 'ascii'); // regular file
  h.write('ustar\0' + '00', 257, 'ascii');
  h.write(checksum(h).toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** The header checksum: the sum of its bytes with the checksum field itself counted as spaces. */
function checksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum;
}

export class TarWriter {
  private pos = 0;
  constructor(
    private readonly fh: FileHandle,
    private readonly mtime = Date.now() / 1000,
  ) {}

  private async write(b: Buffer, at = this.pos) {
    let done = 0;
    while (done < b.length) done += (await this.fh.write(b, done, b.length - done, at + done)).bytesWritten;
  }

  /** Appends one entry with the bytes of `source`; returns their size and SHA-256. */
  async add(name: string, source: Buffer | AsyncIterable<Buffer | Uint8Array>): Promise<{ size: number; sha256: string; start: number }> {
    header(name, 0, this.mtime); // refuse a bad name before writing anything
    const start = this.pos;
    const hash = crypto.createHash('sha256');
    let at = start + BLOCK;
    for await (const chunk of Buffer.isBuffer(source) ? [source] : source) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      hash.update(b);
      await this.write(b, at);
      at += b.length;
    }
    const size = at - start - BLOCK;
    await this.write(Buffer.alloc(padding(size)), at);
    await this.write(header(name, size, this.mtime), start);
    this.pos = at + padding(size);
    return { size, sha256: hash.digest('hex'), start };
  }

  /** Takes back everything from `start` (an entry's start, as `add` returned it) on. */
  async rewind(start: number) {
    this.pos = start;
    await this.fh.truncate(start);
  }

  /** The end-of-archive marker (two zero blocks). */
  async finish() {
    await this.write(Buffer.alloc(2 * BLOCK));
    await this.fh.truncate(this.pos + 2 * BLOCK);
  }
}

async function readAt(fh: FileHandle, at: number, length: number): Promise<Buffer> {
  const b = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(b, done, length - done, at + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return b.subarray(0, done);
}

function octal(h: Buffer, at: number, len: number, what: string): number {
  if (h[at]! & 0x80) return Number(h.readBigUInt64BE(at + len - 8)); // GNU base-256
  const s = h
    .subarray(at, at + len)
    .toString('ascii')
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]*$/.test(s)) throw new TarError(`bad ${what}`);
  return s ? parseInt(s, 8) : 0;
}

/** The entries of the tar file open in `fh`, in order, each header verified. Throws TarError naming the byte offset
 *  of a damaged header and the entry before it, or the entry a truncated archive cuts short. */
export async function* tarEntries(fh: FileHandle): AsyncGenerator<TarEntry> {
  const total = (await fh.stat()).size;
  let at = 0;
  let previous = '(the start of the archive)';
  for (;;) {
    const h = await readAt(fh, at, BLOCK);
    if (h.length < BLOCK) throw new TarError(`The archive is truncated: it ends after ${previous} without the end-of-archive marker`);
    if (h.every((b) => b === 0)) return;
    const name = h.subarray(0, 100).toString('ascii').replace(/\0.*$/s, '');
    let size: number;
    try {
      if (octal(h, 148, 8, 'checksum') !== checksum(h)) throw new TarError('checksum');
      size = octal(h, 124, 12, 'size');
    } catch {
      throw new TarError(`The archive is damaged: the header at byte ${at} (after ${previous}) fails its checksum`);
    }
    const type = String.fromCharCode(h[156]!);
    if (type !== '0' && type !== '\0')
      throw new TarError(`${name}: not a regular file (type ${JSON.stringify(type)}); this is not a RightsHub backup`);
    if (at + BLOCK + size > total) throw new TarError(`The archive is truncated: ${name} is cut short`);
    yield { name, size, dataOffset: at + BLOCK };
    previous = name;
    at += BLOCK + size + padding(size);
  }
}

/** The bytes of an entry, in chunks of at most 1 MiB. */
export async function* entryChunks(fh: FileHandle, entry: TarEntry): AsyncGenerator<Buffer> {
  const CHUNK = 1 << 20;
  for (let done = 0; done < entry.size;) {
    const b = await readAt(fh, entry.dataOffset + done, Math.min(CHUNK, entry.size - done));
    if (!b.length) throw new TarError(`The archive is truncated: ${entry.name} is cut short`);
    done += b.length;
    yield b;
  }
}
