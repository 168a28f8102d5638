/**
 * Set when a shutdown begins: /ready fails with "draining" so load balancers stop sending,
 * and responses carry `Connection: close` so clients leave their kept-alive sockets, while
 * requests are still served until the listener closes.
 */
export class Draining {
  #active = false;

  get active(): boolean {
    return this.#active;
  }

  begin(): void {
    this.#active = true;
  }
}
