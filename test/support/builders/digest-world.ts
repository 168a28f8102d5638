/** Rows a digest reads, stated once and arranged in either store (SQL tables or the in-memory fake). */
export interface DigestWorld {
  users: {
    id: string;
    email: string;
    handle: string;
    displayName: string;
    digestEnabled: boolean;
    /** Unverified addresses get no digest; true unless a case says otherwise. */
    emailVerified?: boolean;
  }[];
  tasks: { id: string; userId: string; title: string; done: boolean; createdAt: Date }[];
  posts: { id: string; authorId: string; text: string; createdAt: Date; likeCount: number }[];
  follows: { followerId: string; followeeId: string; createdAt: Date }[];
  likes: { userId: string; postId: string; createdAt: Date }[];
}

export const emptyWorld = (): DigestWorld => ({ users: [], tasks: [], posts: [], follows: [], likes: [] });
