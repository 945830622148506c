/**
 * Process-wide cache of ATOL tokens, one per account. ATOL tokens live 24 h and the official
 * advice is to ask again only after error 11 (docs/vendors/atol.md, "Authentication"), so a token
 * is kept until ATOL rejects it; concurrent callers share one in-flight getToken.
 */
export class AtolTokenCache {
  private readonly tokens_ = new Map<string, string>()
  private readonly inflight_ = new Map<string, Promise<string>>()

  /** The cached token of `key`, or the result of one `fetch` shared by every concurrent caller. */
  async get(key: string, fetch: () => Promise<string>): Promise<string> {
    const cached = this.tokens_.get(key)
    if (cached !== undefined) {
      return cached
    }
    let pending = this.inflight_.get(key)
    if (!pending) {
      pending = fetch()
        .then((token) => {
          this.tokens_.set(key, token)
          return token
        })
        .finally(() => {
          this.inflight_.delete(key)
        })
      this.inflight_.set(key, pending)
    }
    return pending
  }

  /**
   * Forgets `token` after ATOL refused it. A caller holding an older token than the cached one
   * changes nothing, so N requests failing with one expired token cause one refresh.
   */
  invalidate(key: string, token: string): void {
    if (this.tokens_.get(key) === token) {
      this.tokens_.delete(key)
    }
  }

  /** Drops every cached token (tests). */
  clear(): void {
    this.tokens_.clear()
  }
}

/** The cache every ATOL provider instance of this process shares. */
export const atolTokenCache = new AtolTokenCache()
