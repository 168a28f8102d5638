import { ContainerModule } from 'inversify';
import type Router from '@koa/router';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Registry } from 'prom-client';
import { unsubscribeRouter } from '#adapters/http/digest/unsubscribe.router.ts';
import type { ApiDocs } from '#adapters/http/openapi/api-docs.ts';
import { FileMailer } from '#adapters/mail/file-mailer.ts';
import { HandlebarsDigestRenderer } from '#adapters/mail/handlebars-digest-renderer.ts';
import { KeyRingUnsubscribeLinks } from '#adapters/mail/key-ring-unsubscribe-links.ts';
import { MeteredMailer } from '#adapters/mail/metered-mailer.ts';
import { SmtpMailer } from '#adapters/mail/smtp-mailer.ts';
import { PostgresDigestFacts } from '#adapters/postgres/digest/postgres-digest-facts.ts';
import { PostgresDigestLedger } from '#adapters/postgres/digest/postgres-digest-ledger.ts';
import { PostgresDigestRecipients } from '#adapters/postgres/digest/postgres-digest-recipients.ts';
import { PostgresDigestRuns } from '#adapters/postgres/digest/postgres-digest-runs.ts';
import {
  PostgresSentMails,
  SingleConnectionSentMails,
} from '#adapters/postgres/digest/postgres-sent-mails.ts';
import { DailyDigestJob } from '#adapters/scheduler/daily-digest.job.ts';
import type { Logger } from '#adapters/telemetry/logger.ts';
import { DigestBatch } from '#application/digest/digest-batch.ts';
import { DigestFacts } from '#application/digest/digest-facts.ts';
import { DigestLedger } from '#application/digest/digest-ledger.ts';
import { DigestRecipients } from '#application/digest/digest-recipients.ts';
import { DigestRenderer } from '#application/digest/digest-renderer.ts';
import { DigestRuns } from '#application/digest/digest-runs.ts';
import { ForgetDigestDate } from '#application/digest/forget-digest-date.use-case.ts';
import { Mailer } from '#application/mail/mailer.ts';
import {
  RequestDailyDigests,
  type DigestRunSettings,
} from '#application/digest/request-daily-digests.use-case.ts';
import { SendDailyDigest, type SendDailyDigestDeps } from '#application/digest/send-daily-digest.consumer.ts';
import { SentMails } from '#application/mail/sent-mails.ts';
import { ShowDigestRun } from '#application/digest/show-digest-run.use-case.ts';
import { SkipDigestDate } from '#application/digest/skip-digest-date.use-case.ts';
import { UnsubscribeFromDigest } from '#application/digest/unsubscribe-from-digest.use-case.ts';
import { UnsubscribeLinks } from '#application/digest/unsubscribe-links.ts';
import { EventHandlers } from '#application/messaging/event-handler.ts';
import { Clock } from '#application/shared/clock.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import type { Infrastructure } from '../infrastructure.ts';
import { token } from '#application/shared/token.ts';
import { bindFactory, bindUseCase } from './wiring.ts';

const DigestSettingsToken = token<DigestRunSettings>('DigestRunSettings');
import { Tokens } from './tokens.ts';

/** Releases what the digest's adapters opened themselves (the SMTP pool, the sent-mails pool). */
export const DigestShutdown = Symbol('DigestShutdown');
export interface DigestResources {
  close(): Promise<void>;
}

/**
 * The daily digest: the run that requests digests (scheduler), the consumer that mails
 * them (worker) over SMTP or into `.eml` files, and the public unsubscribe endpoint (api).
 */
export const digestModule = (infra: Infrastructure) =>
  new ContainerModule(({ bind }) => {
    const { config } = infra;
    const closers: (() => unknown)[] = [];
    bind<DigestResources>(DigestShutdown).toConstantValue({
      close: async () => void (await Promise.allSettled(closers.splice(0).map((close) => close()))),
    });
    const EM = [Tokens.EntityManager] as [symbol];
    bind<DigestRecipients>(DigestRecipients).toResolvedValue(
      (em: SqlEntityManager) => new PostgresDigestRecipients(em),
      EM,
    );
    bind<DigestFacts>(DigestFacts).toResolvedValue((em: SqlEntityManager) => new PostgresDigestFacts(em), EM);
    bind<DigestLedger>(DigestLedger).toResolvedValue(
      (em: SqlEntityManager) => new PostgresDigestLedger(em),
      EM,
    );
    bind<DigestRuns>(DigestRuns).toResolvedValue((em: SqlEntityManager) => new PostgresDigestRuns(em), EM);
    bind<SentMails>(SentMails).toResolvedValue((em: SqlEntityManager) => {
      if (config.database.kind !== 'postgres') return new SingleConnectionSentMails(em);
      const sent = new PostgresSentMails(config.database.url);
      closers.push(() => sent.close());
      return sent;
    }, EM);
    bind<Mailer>(Mailer).toResolvedValue(
      (metrics: Registry) => {
        const { mail } = config;
        if (mail.kind === 'file')
          return new MeteredMailer(new FileMailer(mail.directory, mail.from), metrics);
        const smtp = new SmtpMailer(mail.url, mail.from, {
          maxConnections: mail.maxConnections,
          timeoutMs: mail.timeoutMs,
        });
        closers.push(() => smtp.close());
        return new MeteredMailer(smtp, metrics);
      },
      [Tokens.Metrics],
    );
    bind<DigestRenderer>(DigestRenderer).toConstantValue(new HandlebarsDigestRenderer());
    bind<UnsubscribeLinks>(UnsubscribeLinks).toConstantValue(
      new KeyRingUnsubscribeLinks(infra.keys, config.http.publicUrl),
    );

    bind(DigestBatch).toResolvedValue(
      (f: DigestFacts, l: DigestLedger, r: DigestRuns, e: EventPublisher, c: Clock) =>
        new DigestBatch(f, l, r, e, c),
      [DigestFacts, DigestLedger, DigestRuns, EventPublisher, Clock],
    );
    const { Metrics } = Tokens;
    bindUseCase(
      bind,
      RequestDailyDigests,
      {
        unitOfWork: UnitOfWork,
        recipients: DigestRecipients,
        runs: DigestRuns,
        batch: DigestBatch,
        ledger: DigestLedger,
        clock: Clock,
        settings: DigestSettingsToken,
      },
      Metrics,
    );
    bind(DigestSettingsToken).toConstantValue(config.digest);
    bindUseCase(bind, SkipDigestDate, { unitOfWork: UnitOfWork, runs: DigestRuns, clock: Clock }, Metrics);
    bindUseCase(bind, ShowDigestRun, { runs: DigestRuns }, Metrics);
    bindUseCase(
      bind,
      ForgetDigestDate,
      { unitOfWork: UnitOfWork, ledger: DigestLedger, runs: DigestRuns },
      Metrics,
    );
    bindUseCase(
      bind,
      UnsubscribeFromDigest,
      { unitOfWork: UnitOfWork, users: UserRepository, links: UnsubscribeLinks, clock: Clock },
      Metrics,
    );

    // Under its own token too, so tests can wrap exactly this handler (onActivation).
    bindFactory(
      bind,
      SendDailyDigest,
      (deps: Omit<SendDailyDigestDeps, 'appUrl'>) =>
        new SendDailyDigest({ ...deps, appUrl: config.http.publicUrl }),
      {
        users: UserRepository,
        sent: SentMails,
        renderer: DigestRenderer,
        links: UnsubscribeLinks,
        mailer: Mailer,
        clock: Clock,
      },
    );
    bind(EventHandlers).toService(SendDailyDigest);

    bind(DailyDigestJob).toResolvedValue(
      (requestDigests: RequestDailyDigests, logger: Logger, metrics: Registry) =>
        new DailyDigestJob(requestDigests, config.digest, logger.child({ component: 'digest' }), metrics),
      [RequestDailyDigests, Tokens.Logger, Tokens.Metrics],
    );
    bind<Router>(Tokens.ApiRouters).toResolvedValue(
      (unsubscribe: UnsubscribeFromDigest, docs: ApiDocs) => unsubscribeRouter(unsubscribe, docs),
      [UnsubscribeFromDigest, Tokens.ApiDocs],
    );
  });
