import { DomainError } from '../shared/domain-error.ts';

export class PostNotFound extends DomainError {
  constructor(id: string) {
    super('post.not_found', 'not_found', `No post with id ${id}.`, { post_id: id });
  }
}
