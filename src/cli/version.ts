// The version oclif prints (`--version`, the user agent). The build checks that it matches package.json.
export const VERSION = '0.1.0'
