// How the built app is packed into the VM: which files of the repository go under /app, and what
// /usr/local/bin/gv runs. It is the single bundled file (issue 10), exactly what `kubectl cp` would copy.

export type AppPacking = {
  /** Paths relative to the repository, copied to the same paths under /app (directories recursively). */
  files: () => string[]
  /** The script the VM's `gv` runs as `node /app/<entry> "$@"`. */
  entry: string
}

/** One bundled file with no package.json or node_modules beside it (issue 10). */
export const BUNDLE: AppPacking = {files: () => ['dist/guestview.mjs'], entry: 'dist/guestview.mjs'}

export const APP: AppPacking = BUNDLE
