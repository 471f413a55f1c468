// Checks of the cgroup v2 VM that fail today because of a bug or a missing feature in guestview (src/),
// not in the harness. Each is reported as "skipped: known bug: <reason>" so it is never silent, and one test
// ("known failures still fail") runs them all and fails as soon as one passes: when the fix lands, delete
// its line here and the check becomes a real assertion. Keys are "<scenario id>: <check name>".
export const KNOWN_FAILURES: Record<string, string> = {}
