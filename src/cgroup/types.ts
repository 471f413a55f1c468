export type QuotaPeriod = {quotaUs: number; periodUs: number}
export type Throttling = {periods: number; throttledPeriods: number; throttledSeconds: number}
