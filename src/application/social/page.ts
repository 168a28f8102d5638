/**
 * A place in a list sorted newest first: the time of the last item seen and its id
 * (the tie-breaker, so items sharing a millisecond are neither skipped nor repeated).
 */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

export interface PageRequest {
  limit: number;
  /** Items strictly after this position; the first page when null. */
  after: KeysetPosition | null;
}

export interface Page<T> {
  items: T[];
  /** Where the next page starts; null on the last page. */
  next: KeysetPosition | null;
}
