import { digestRecordsContract } from '../../contracts/digest-records.contract.ts';
import { digestSourcesContract } from '../../contracts/digest-sources.contract.ts';
import { mailerContract } from '../../contracts/mailer.contract.ts';
import { sentMailsContract } from '../../contracts/sent-mails.contract.ts';
import { emptyWorld } from '../../support/builders/digest-world.ts';
import { InMemoryDigestLedger } from '../../support/fakes/in-memory-digest-ledger.ts';
import { InMemoryDigestRuns } from '../../support/fakes/in-memory-digest-runs.ts';
import { InMemoryDigestSources } from '../../support/fakes/in-memory-digest-sources.ts';
import { InMemorySentMails } from '../../support/fakes/in-memory-sent-mails.ts';
import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.ts';
import { RecordingMailer } from '../../support/fakes/recording-mailer.ts';

// The digest's fakes pass the contracts their real adapters pass.
digestRecordsContract('in-memory fakes', async () => {
  const unitOfWork = new InMemoryUnitOfWork();
  const ledger = new InMemoryDigestLedger(unitOfWork);
  return {
    ledger,
    runs: new InMemoryDigestRuns(unitOfWork),
    unitOfWork,
    eventOf: async (date, userId) => ledger.eventOf(date, userId),
    close: async () => {},
  };
});

digestSourcesContract('in-memory fake', async () => {
  const sources = new InMemoryDigestSources(emptyWorld());
  return {
    recipients: sources,
    facts: sources,
    async arrange(world) {
      for (const key of Object.keys(world) as (keyof typeof world)[]) {
        (sources.world[key] as unknown[]).push(...world[key]);
      }
    },
    close: async () => {},
  };
});

sentMailsContract('in-memory fake', async () => ({
  sent: new InMemorySentMails(),
  unitOfWork: new InMemoryUnitOfWork(),
  independentOfCaller: true,
  close: async () => {},
}));

mailerContract('recording fake', async () => {
  const mailer = new RecordingMailer();
  return {
    mailer,
    delivered: async () =>
      mailer.messages.map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        unsubscribeUrl: m.unsubscribeUrl ?? null,
        oneClick: m.unsubscribeUrl !== undefined,
        attachments: 0,
      })),
    close: async () => {},
  };
});
