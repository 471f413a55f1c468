// The one place where text from the system (file contents, paths, probe messages, a tool's output) is
// written into a screen: both renderers pass every string they print through printable(). Escaping
// control characters belongs here, once, for the plain text and for Ink alike.
export function printable(s: string): string {
  return s
}
