/** A message as the mail catcher (Mailpit) keeps it, with what the tests look at. */
export interface CaughtMessage {
  readonly id: string;
  readonly messageId: string;
  readonly to: readonly string[];
  readonly subject: string;
}

interface MailpitSummary {
  readonly ID: string;
  readonly MessageID: string;
  readonly To: readonly { readonly Address: string }[] | null;
  readonly Subject: string;
}

/**
 * The mail catcher's REST API (Mailpit, `/api/v1`): what arrived, a message's text and headers, and its "chaos"
 * switch that makes the SMTP server refuse messages. Tests read the mailbox through it, as a person would open it.
 */
export class Mailbox {
  constructor(readonly webUrl: string) {}

  /** Every message in the mailbox, oldest first. */
  async messages(): Promise<CaughtMessage[]> {
    const all: CaughtMessage[] = [];
    for (let start = 0; ; start += 500) {
      const page = (await this.get(`/api/v1/messages?start=${start}&limit=500`)) as {
        messages: MailpitSummary[];
        total: number;
      };
      for (const message of page.messages) {
        all.push({
          id: message.ID,
          messageId: message.MessageID,
          to: (message.To ?? []).map((to) => to.Address),
          subject: message.Subject,
        });
      }
      if (start + page.messages.length >= page.total || page.messages.length === 0) break;
    }
    return all.reverse();
  }

  async text(id: string): Promise<string> {
    return ((await this.get(`/api/v1/message/${id}`)) as { Text: string }).Text;
  }

  async headers(id: string): Promise<Record<string, string[]>> {
    return (await this.get(`/api/v1/message/${id}/headers`)) as Record<string, string[]>;
  }

  /** How many messages the SMTP server accepted, refused and dropped as duplicates since it started. */
  async stats(): Promise<{ accepted: number; rejected: number; ignored: number }> {
    const info = (await this.get('/api/v1/info')) as {
      RuntimeStats: { SMTPAccepted: number; SMTPRejected: number; SMTPIgnored: number };
    };
    return {
      accepted: info.RuntimeStats.SMTPAccepted,
      rejected: info.RuntimeStats.SMTPRejected,
      ignored: info.RuntimeStats.SMTPIgnored,
    };
  }

  /** Makes the SMTP server refuse every recipient with `code` (0: accept again). */
  async refuseRecipients(code: number): Promise<void> {
    const response = await fetch(`${this.webUrl}/api/v1/chaos`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Recipient: { ErrorCode: code || 451, Probability: code ? 100 : 0 } }),
    });
    if (!response.ok) throw new Error(`chaos: ${response.status} ${await response.text()}`);
  }

  async clear(): Promise<void> {
    const response = await fetch(`${this.webUrl}/api/v1/messages`, { method: 'DELETE' });
    if (!response.ok) throw new Error(`clear: ${response.status}`);
  }

  private async get(path: string): Promise<unknown> {
    const response = await fetch(`${this.webUrl}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }
}
