import { PostNotFound } from '#domain/social/post.errors.ts';
import type { PostView, PostViews } from './social.views.ts';

export interface GetPostQuery {
  postId: string;
  viewerId: string;
}

export class GetPost {
  private readonly views: PostViews;

  constructor(views: PostViews) {
    this.views = views;
  }

  async execute({ postId, viewerId }: GetPostQuery): Promise<PostView> {
    const post = await this.views.byId(postId, viewerId);
    if (!post) throw new PostNotFound(postId);
    return post;
  }
}
