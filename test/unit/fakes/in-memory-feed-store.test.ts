import { feedItemSourceContract } from '../../contracts/feed-item-source.contract.ts';
import { feedReadModelContract } from '../../contracts/feed-read-model.contract.ts';
import type { FeedStoreHarness } from '../../contracts/feed-store-harness.ts';
import { InMemoryFeedStore } from '../../support/fakes/in-memory-feed-store.ts';
import { inMemorySocial } from '../../support/fakes/in-memory-social.ts';

// The fake that the feed use-case tests rely on passes the same contracts as the SQL adapters.
const open = async (): Promise<FeedStoreHarness> => {
  const social = inMemorySocial();
  const store = new InMemoryFeedStore(social);
  return {
    ...social,
    readModel: store,
    writer: store,
    celebrities: store,
    items: store,
    popularity: store,
  };
};
feedReadModelContract('in-memory fake', open);
feedItemSourceContract('in-memory fake', open);
