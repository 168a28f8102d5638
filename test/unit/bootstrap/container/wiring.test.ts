import { describe, expect, it } from '@jest/globals';
import { Container, ContainerModule } from 'inversify';
import { Registry } from 'prom-client';
import { token } from '#application/shared/token.ts';
import { allOf, bindClass, bindFactory, bindUseCase, resolve } from '#bootstrap/container/wiring.ts';

interface Posts {
  byId(id: string): string;
}
interface Likes {
  count(postId: string): number;
}
const Posts = token<Posts>('Posts');
const Likes = token<Likes>('Likes');
const Handlers = token<{ name: string }>('Handlers');
const Metrics = token<Registry>('Metrics');

interface ShowPostDeps {
  posts: Posts;
  likes: Likes;
}
class ShowPost {
  private readonly d: ShowPostDeps;
  constructor(deps: ShowPostDeps) {
    this.d = deps;
  }
  async execute(id: string): Promise<string> {
    return `${this.d.posts.byId(id)} (${this.d.likes.count(id)})`;
  }
}
class Dispatcher {
  readonly handlers: { name: string }[];
  constructor(deps: { handlers: { name: string }[] }) {
    this.handlers = deps.handlers;
  }
}

const graph = () => {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    new ContainerModule(({ bind }) => {
      bind(Metrics).toConstantValue(new Registry());
      bindFactory(bind, Posts, () => ({ byId: (id: string) => `post ${id}` }), {});
      bindFactory(bind, Likes, () => ({ count: () => 3 }), {});
      bindFactory(bind, Handlers, () => ({ name: 'first' }), {});
      bindFactory(bind, Handlers, () => ({ name: 'second' }), {});
      bindUseCase(bind, ShowPost, { posts: Posts, likes: Likes }, Metrics);
      bindClass(bind, Dispatcher, Dispatcher, { handlers: allOf(Handlers) });
    }),
  );
  return container;
};

describe('typed wiring', () => {
  it('builds a class from its named dependencies', async () => {
    await expect(graph().get(ShowPost).execute('p1')).resolves.toBe('post p1 (3)');
  });

  it('injects every binding of a token asked for with allOf', () => {
    expect(
      graph()
        .get(Dispatcher)
        .handlers.map((h) => h.name),
    ).toEqual(['first', 'second']);
  });

  it('traces use cases: their duration is recorded under the class name', async () => {
    const container = graph();
    await container.get(ShowPost).execute('p1');
    const metric = await resolve(container, Metrics).getSingleMetricAsString('use_case_duration_seconds');
    expect(metric).toContain('use_case="ShowPost"');
  });

  it('turns a wrong, missing or extra dependency into a compile error (checked by tsc)', () => {
    // Never run: `npm run typecheck` fails if any of these lines stops being an error.
    const wrongWirings = ({ bind }: { bind: Parameters<typeof bindClass>[0] }) => {
      // @ts-expect-error the two tokens are swapped
      bindUseCase(bind, ShowPost, { posts: Likes, likes: Posts }, Metrics);
      // @ts-expect-error a dependency is missing
      bindUseCase(bind, ShowPost, { posts: Posts }, Metrics);
      // @ts-expect-error a dependency the class does not take
      bindUseCase(bind, ShowPost, { posts: Posts, likes: Likes, extra: Posts }, Metrics);
      // @ts-expect-error an untyped symbol names no type
      bindUseCase(bind, ShowPost, { posts: Symbol('Posts'), likes: Likes }, Metrics);
      // @ts-expect-error the bound class does not implement the token's type
      bindClass(bind, Posts, Dispatcher, { handlers: allOf(Handlers) });
      // @ts-expect-error allOf of a token of another type
      bindClass(bind, Dispatcher, Dispatcher, { handlers: allOf(Posts) });
    };
    expect(typeof wrongWirings).toBe('function');
  });
});
