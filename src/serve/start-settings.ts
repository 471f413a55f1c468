// serve starts itself again, once, with the V8 options that bound a long-running process's memory: the plan
// and why each option is there are src/live/start-settings.ts's, which watch shares; this is serve's opt-out.
import * as shared from '../live/start-settings.js'

export {canStart, startNodeOptions, type Restart, type Started} from '../live/start-settings.js'

/** GUESTVIEW_SERVE_RESTART=0: serve runs as started. */
export const OPT_OUT_ENV = 'GUESTVIEW_SERVE_RESTART'

/** How to start serve again with the options it lacks, or null (see src/live/start-settings.ts). */
export const restartPlan = (p: shared.Started): shared.Restart | null => shared.restartPlan(p, OPT_OUT_ENV)

/** Starts serve again with the settings (never resolves then) when restartPlan says so; else resolves. */
export const restartWithStartSettings = (): Promise<void> => shared.restartWithStartSettings(OPT_OUT_ENV)

/** The options a serve started as this process was would restart itself with (none where it would not). */
export const startNodeOptionsHere = (): string[] => shared.startNodeOptionsHere('serve', OPT_OUT_ENV)
