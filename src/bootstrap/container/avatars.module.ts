import { ContainerModule } from 'inversify';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Registry } from 'prom-client';
import { AvatarPresenter } from '#adapters/http/avatars/avatar.presenter.ts';
import { avatarsRouter } from '#adapters/http/avatars/avatars.router.ts';
import { userAvatarsRouter } from '#adapters/http/avatars/user-avatars.router.ts';
import type { ApiDocs } from '#adapters/http/openapi/api-docs.ts';
import { avatarPagesRouter } from '#adapters/http/web/avatars/avatar-pages.router.ts';
import { SharpImageProcessor } from '#adapters/images/sharp-image-processor.ts';
import { LocalDiskBlobStore } from '#adapters/local-disk/local-disk-blob-store.ts';
import { registerAvatarStorageGauge } from '#adapters/postgres/avatars/avatar-storage.gauge.ts';
import { PostgresAvatarRepository } from '#adapters/postgres/avatars/postgres-avatar.repository.ts';
import { CircuitBreakingBlobStore } from '#adapters/s3/circuit-breaking-blob-store.ts';
import { S3BlobStore } from '#adapters/s3/s3-blob-store.ts';
import { PrometheusAvatarMetrics } from '#adapters/telemetry/prometheus-avatar-metrics.ts';
import { AvatarImageSource } from '#application/avatars/avatar-image-source.ts';
import { AvatarMetrics } from '#application/avatars/avatar-metrics.ts';
import { AvatarRepository } from '#application/avatars/avatar.repository.ts';
import { BlobStore } from '#application/avatars/blob-store.ts';
import { DeleteAvatar } from '#application/avatars/delete-avatar.use-case.ts';
import { DeleteCurrentAvatar } from '#application/avatars/delete-current-avatar.use-case.ts';
import { GetAvatarMetadata } from '#application/avatars/get-avatar-metadata.use-case.ts';
import { ImageProcessor } from '#application/avatars/image-processor.ts';
import { ListUserAvatars } from '#application/avatars/list-user-avatars.use-case.ts';
import { PinAvatar } from '#application/avatars/pin-avatar.use-case.ts';
import { ProcessUploadedAvatar } from '#application/avatars/process-uploaded-avatar.consumer.ts';
import { PurgeDeletedAvatar } from '#application/avatars/purge-deleted-avatar.consumer.ts';
import { ServeAvatar } from '#application/avatars/serve-avatar.use-case.ts';
import { ServeCurrentAvatar } from '#application/avatars/serve-current-avatar.use-case.ts';
import { UploadAvatar } from '#application/avatars/upload-avatar.use-case.ts';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import { Clock } from '#application/shared/clock.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { IdGenerator } from '#application/shared/id-generator.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import type { Infrastructure } from '../infrastructure.ts';
import { bindUseCase } from './bind-use-case.ts';
import { Tokens } from './tokens.ts';

/**
 * Avatars: S3 (behind a circuit breaker) or a local folder for the files, sharp for the
 * images, the upload/serve/metadata/delete routes and pages, and the two workers.
 */
export const avatarsModule = (infra: Infrastructure) =>
  new ContainerModule(({ bind }) => {
    const { storage } = infra.config;
    if (infra.s3 && storage.kind === 's3') {
      const s3 = new S3BlobStore(infra.s3, storage.bucket);
      const options = { timeoutMs: storage.timeoutMs, resetMs: storage.circuitResetMs };
      bind<BlobStore>(BlobStore).toConstantValue(new CircuitBreakingBlobStore(s3, options, infra.logger));
    } else if (storage.kind === 'local') {
      bind<BlobStore>(BlobStore).toConstantValue(new LocalDiskBlobStore(storage.directory));
    }
    bind<ImageProcessor>(ImageProcessor).toConstantValue(new SharpImageProcessor());
    bind<AvatarRepository>(AvatarRepository).toResolvedValue(
      (em: SqlEntityManager) => new PostgresAvatarRepository(em),
      [Tokens.EntityManager],
    );
    bind<AvatarMetrics>(AvatarMetrics).toResolvedValue(
      (metrics: Registry) => {
        registerAvatarStorageGauge(metrics, infra.orm.em);
        return new PrometheusAvatarMetrics(metrics);
      },
      [Tokens.Metrics],
    );
    bind(AvatarImageSource).toResolvedValue(
      (blobs: BlobStore, images: ImageProcessor, metrics: AvatarMetrics) =>
        new AvatarImageSource(blobs, images, metrics),
      [BlobStore, ImageProcessor, AvatarMetrics],
    );
    bindUseCases(bind);
    bindWorkers(bind);
    bindRouters(bind, infra.config.http.publicUrl);
  });

type Bind = Parameters<ConstructorParameters<typeof ContainerModule>[0]>[0]['bind'];

function bindUseCases(bind: Bind): void {
  bindUseCase(
    bind,
    UploadAvatar,
    (
      ...[unitOfWork, avatars, blobs, images, events, ids, clock]: [
        UnitOfWork,
        AvatarRepository,
        BlobStore,
        ImageProcessor,
        EventPublisher,
        IdGenerator,
        Clock,
      ]
    ) => new UploadAvatar({ unitOfWork, avatars, blobs, images, events, ids, clock }),
    [UnitOfWork, AvatarRepository, BlobStore, ImageProcessor, EventPublisher, IdGenerator, Clock],
  );
  bindUseCase(bind, ServeAvatar, (a: AvatarRepository, s: AvatarImageSource) => new ServeAvatar(a, s), [
    AvatarRepository,
    AvatarImageSource,
  ]);
  bindUseCase(
    bind,
    ServeCurrentAvatar,
    (u: UserRepository, a: AvatarRepository, s: AvatarImageSource) => new ServeCurrentAvatar(u, a, s),
    [UserRepository, AvatarRepository, AvatarImageSource],
  );
  bindUseCase(bind, GetAvatarMetadata, (a: AvatarRepository) => new GetAvatarMetadata(a), [AvatarRepository]);
  bindUseCase(bind, ListUserAvatars, (u: UserRepository, a: AvatarRepository) => new ListUserAvatars(u, a), [
    UserRepository,
    AvatarRepository,
  ]);
  bindUseCase(
    bind,
    DeleteAvatar,
    (uow: UnitOfWork, a: AvatarRepository, u: UserRepository, e: EventPublisher, c: Clock) =>
      new DeleteAvatar(uow, a, u, e, c),
    [UnitOfWork, AvatarRepository, UserRepository, EventPublisher, Clock],
  );
  bindUseCase(
    bind,
    DeleteCurrentAvatar,
    (u: UserRepository, d: DeleteAvatar) => new DeleteCurrentAvatar(u, d),
    [UserRepository, DeleteAvatar],
  );
  bindUseCase(
    bind,
    PinAvatar,
    (uow: UnitOfWork, a: AvatarRepository, u: UserRepository, e: EventPublisher, c: Clock) =>
      new PinAvatar(uow, a, u, e, c),
    [UnitOfWork, AvatarRepository, UserRepository, EventPublisher, Clock],
  );
}

function bindWorkers(bind: Bind): void {
  bind<EventHandler>(EventHandlers).toResolvedValue(
    (
      avatars: AvatarRepository,
      users: UserRepository,
      blobs: BlobStore,
      images: ImageProcessor,
      metrics: AvatarMetrics,
      clock: Clock,
      events: EventPublisher,
    ) => new ProcessUploadedAvatar({ avatars, users, blobs, images, metrics, clock, events }),
    [AvatarRepository, UserRepository, BlobStore, ImageProcessor, AvatarMetrics, Clock, EventPublisher],
  );
  bind<EventHandler>(EventHandlers).toResolvedValue(
    (avatars: AvatarRepository, blobs: BlobStore, clock: Clock) =>
      new PurgeDeletedAvatar(avatars, blobs, clock),
    [AvatarRepository, BlobStore, Clock],
  );
}

function bindRouters(bind: Bind, publicUrl: string): void {
  const presenter = new AvatarPresenter(publicUrl);
  bind<Router>(Tokens.ApiRouters).toResolvedValue(
    (
      uploadAvatar: UploadAvatar,
      serveAvatar: ServeAvatar,
      getAvatarMetadata: GetAvatarMetadata,
      deleteAvatar: DeleteAvatar,
      requireUser: Middleware,
      idempotent: Middleware,
      metrics: AvatarMetrics,
      docs: ApiDocs,
    ) =>
      avatarsRouter({
        uploadAvatar,
        serveAvatar,
        getAvatarMetadata,
        deleteAvatar,
        requireUser,
        idempotent,
        metrics,
        presenter,
        docs,
      }),
    [
      UploadAvatar,
      ServeAvatar,
      GetAvatarMetadata,
      DeleteAvatar,
      Tokens.RequireUser,
      Tokens.Idempotent,
      AvatarMetrics,
      Tokens.ApiDocs,
    ],
  );
  bind<Router>(Tokens.ApiRouters).toResolvedValue(
    (
      serveCurrentAvatar: ServeCurrentAvatar,
      deleteCurrentAvatar: DeleteCurrentAvatar,
      listUserAvatars: ListUserAvatars,
      requireUser: Middleware,
      docs: ApiDocs,
    ) =>
      userAvatarsRouter({
        serveCurrentAvatar,
        deleteCurrentAvatar,
        listUserAvatars,
        requireUser,
        presenter,
        docs,
      }),
    [ServeCurrentAvatar, DeleteCurrentAvatar, ListUserAvatars, Tokens.RequireUser, Tokens.ApiDocs],
  );
  bind<Router>(Tokens.ApiRouters).toConstantValue(avatarPagesRouter());
}
