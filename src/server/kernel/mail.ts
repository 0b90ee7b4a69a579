// Sending e-mail (only when SMTP_URL is configured): notifications (modules/notifications), replies of the
// fact-checking desk. Callers take a Mailer, so tests hand in their own.
import nodemailer from 'nodemailer';

export type MailMessage = { to: string[]; subject: string; text: string };
export type Mailer = { send: (msg: MailMessage) => Promise<void> };

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    send: async (msg) => {
      await transport.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text });
    },
  };
}
