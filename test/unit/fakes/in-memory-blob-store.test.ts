import { blobStoreContract } from '../../contracts/blob-store.contract.ts';
import { InMemoryBlobStore } from '../../support/fakes/in-memory-blob-store.ts';

blobStoreContract('InMemoryBlobStore (the use-case tests’ fake)', async () => ({
  store: new InMemoryBlobStore(),
  close: async () => {},
}));
