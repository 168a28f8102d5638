import { followRepositoryContract } from '../../contracts/follow-repository.contract.ts';
import { likeRepositoryContract } from '../../contracts/like-repository.contract.ts';
import { postRepositoryContract } from '../../contracts/post-repository.contract.ts';
import { socialViewsContract } from '../../contracts/social-views.contract.ts';
import { inMemorySocial } from '../../support/fakes/in-memory-social.ts';

// The fakes that the social use-case tests rely on pass the same contracts as the SQL adapters.
const open = async () => inMemorySocial();
postRepositoryContract('in-memory fake', open);
likeRepositoryContract('in-memory fake', open);
followRepositoryContract('in-memory fake', open);
socialViewsContract('in-memory fake', open);
