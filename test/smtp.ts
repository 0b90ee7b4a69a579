// A local SMTP server (npm smtp-server) that keeps what it receives: messages go through a real SMTP conversation
// (nodemailer's, as in production) and are decoded enough to read the subject and the text.
import { SMTPServer } from 'smtp-server';

export type Received = { from: string; to: string[]; subject: string; text: string };

/** Decode RFC 2047 words (subject) and a quoted-printable or base64 body: enough for what nodemailer writes. */
function decodeWords(s: string): string {
  return s.replace(/\r?\n\s+/g, ' ').replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}
function parse(raw: string, envelope: { from: string; to: string[] }): Received {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const subject = decodeWords(/^Subject: (.*(?:\r?\n\s+.*)*)/im.exec(head)?.[1] ?? '');
  const cte = /^Content-Transfer-Encoding: (\S+)/im.exec(head)?.[1]?.toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(
            body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { ...envelope, subject, text };
}

export interface Inbox {
  port: number;
  messages: Received[];
  /** While true, every message is refused (the sender sees an SMTP error). */
  refuse: boolean;
  close(): Promise<void>;
}

/** Starts the server on a free port of 127.0.0.1 (several test runs may share the machine). */
export async function startInbox(): Promise<Inbox> {
  const inbox = { port: 0, messages: [] as Received[], refuse: false, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (inbox.refuse) return cb(new Error('mailbox unavailable'));
        inbox.messages.push(
          parse(
            Buffer.concat(chunks)
              .toString('latin1')
              .replace(/[\x80-\xff]/g, ''),
            { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
          ),
        );
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  inbox.port = (server.server.address() as { port: number }).port;
  inbox.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return inbox;
}
