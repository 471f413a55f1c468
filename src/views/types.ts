export type Scope = 'host' | 'namespaced' | 'cgroup' | 'virtualized' | 'unavailable'

export type View = {
  source: string
  scope: Scope
  evidence: string
  tools: string[]
  /** What the classic tools show from it, in a few words. */
  shows: string
}
