import { PostgresDigestFacts } from '#adapters/postgres/digest/postgres-digest-facts.ts';
import { PostgresDigestLedger } from '#adapters/postgres/digest/postgres-digest-ledger.ts';
import { PostgresDigestRecipients } from '#adapters/postgres/digest/postgres-digest-recipients.ts';
import { PostgresDigestRuns } from '#adapters/postgres/digest/postgres-digest-runs.ts';
import {
  PostgresSentMails,
  SingleConnectionSentMails,
} from '#adapters/postgres/digest/postgres-sent-mails.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { digestRecordsContract } from '../../../../contracts/digest-records.contract.ts';
import { digestSourcesContract } from '../../../../contracts/digest-sources.contract.ts';
import { sentMailsContract } from '../../../../contracts/sent-mails.contract.ts';
import { databaseKinds, openPgliteForTest } from '../../../../support/databases.ts';
import { arrangeDigestWorld } from '../../../../support/digest-store.ts';
import { createTestDatabase } from '../../../../support/postgres.ts';
import { openDatabase } from '#adapters/postgres/database.ts';

for (const [kind, open] of databaseKinds) {
  digestRecordsContract(`PostgresDigestLedger and PostgresDigestRuns on ${kind}`, async () => {
    const db = await open();
    return {
      ledger: new PostgresDigestLedger(db.orm.em),
      runs: new PostgresDigestRuns(db.orm.em),
      unitOfWork: new PostgresUnitOfWork(db.orm.em),
      async eventOf(date, userId) {
        const rows = await db.orm.em
          .fork()
          .execute<{ event_id: string | null }[]>(
            'select event_id from digest_requests where digest_date = ?::date and user_id = ?',
            [date.value, userId],
          );
        return rows.length === 0 ? undefined : rows[0]!.event_id;
      },
      close: db.close,
    };
  });

  digestSourcesContract(`PostgresDigestRecipients and PostgresDigestFacts on ${kind}`, async () => {
    const db = await open();
    return {
      recipients: new PostgresDigestRecipients(db.orm.em),
      facts: new PostgresDigestFacts(db.orm.em),
      arrange: (world) => arrangeDigestWorld(db, world),
      close: db.close,
    };
  });
}

sentMailsContract('PostgresSentMails (its own connections)', async () => {
  const database = await createTestDatabase();
  const orm = await openDatabase({
    kind: 'postgres',
    url: database.url,
    poolMax: 2,
    statementTimeoutMs: 30_000,
  });
  const sent = new PostgresSentMails(database.url);
  return {
    sent,
    unitOfWork: new PostgresUnitOfWork(orm.em),
    independentOfCaller: true,
    async close() {
      await sent.close();
      await orm.close();
      await database.drop();
    },
  };
});

sentMailsContract('SingleConnectionSentMails on PGlite', async () => {
  const db = await openPgliteForTest();
  return {
    sent: new SingleConnectionSentMails(db.orm.em),
    unitOfWork: new PostgresUnitOfWork(db.orm.em),
    independentOfCaller: false,
    close: db.close,
  };
});
