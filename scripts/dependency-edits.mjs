// The edits scripts/build.mjs makes to dependencies as it bundles them (start-up work the CLI never needs,
// and the costs of drawing with Ink): kept here so that the fast loop's bundle of the tests' packages
// (test/unit-vendor.mjs) makes the same ones, and the tests run the code that ships. Each entry's `from`
// must still be in its file: the build (and the fast loop) fails if it is gone.
/**
 * Edits to dependencies, each checked: if its text is gone, the build fails and the entry goes.
 * - Start-up work the CLI never needs. The first String#localeCompare initialises ICU's collator, about a
 *   tenth of a start; the command ids sorted there are lower-case ASCII, where < gives the same order.
 *   oclif checks the Node version against its own package.json, which the bundle lacks (so the check always
 *   fails, silently), after loading semver. Telling WSL from Linux imports wsl-utils (which loads
 *   child_process and more): ask only where the kernel says Microsoft, as is-wsl itself does first.
 * - Top-level await, which a CommonJS-style section cannot have: Ink's only uses are for React devtools
 *   (with DEV=true), which the bundle leaves out.
 * - string-width (under Ink) takes a fast path for printable ASCII only; any other line goes through
 *   Intl.Segmenter and Unicode property regular expressions, whose first use costs more than the rest of
 *   drawing a screen. Ink's borders, our bullets and bars, and explain's ×, µ and Δ are box-drawing and
 *   block characters, general punctuation, Latin-1 (but the soft hyphen, which has no width, and © and ®,
 *   which can be emoji) and Greek letters: one column each where ambiguous characters are narrow (the
 *   default; Unicode UAX #11), so they take the fast path too (src/doc/ink/Graphemes.test.ts checks each
 *   against string-width's own path). And string-width and slice-ansi build an Intl.Segmenter (ICU's break iterator)
 *   and /\p{RGI_Emoji}/v at load, each about a fifth of a whole JSON run: built on first use instead.
 * - Ink wraps text with wrap-ansi's `trim: false`: a line that exactly filled its width pushed the space after
 *   it to the start of the next line (a ragged extra space in wrapped paragraphs and row notes), and a word
 *   cut hard kept a leading space too. Trimmed at the wrap instead: guestview indents with Ink boxes, never
 *   with leading spaces inside a text (src/doc/ink/Wrap.test.tsx). npm test loads Ink with these edits too
 *   (test/dependency-edits-hook.mjs).
 */
const STRING_WIDTH_8 = [
  'node_modules/ink/node_modules/string-width/index.js',
  'node_modules/cli-truncate/node_modules/string-width/index.js',
]
const STRING_WIDTH_7 = 'node_modules/ink/node_modules/wrap-ansi/node_modules/string-width/index.js'
export const NARROW_RANGES =
  '\\u0020-\\u007E\\u00A0-\\u00A8\\u00AA-\\u00AC\\u00AF-\\u00FF\\u0391-\\u03C9\\u2010-\\u2027\\u2500-\\u259F'
// wrap-ansi measures a hard-wrapped word one character at a time, its escape codes' ESC among them: a control
// character has no width (string-width's own path skips C0 and C1).
const CONTROLS = '/^[\\u0000-\\u001F\\u007F-\\u009F]+$/.test(string)'
const NARROW = `/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && /^[${NARROW_RANGES}]*$/.test(string))`
/** ansi-tokenize's styledCharsToString, replaced whole (see its entry in EDITS). */
const STYLED_CHARS_TO_STRING = `export function styledCharsToString(chars) {
    let ret = "";
    for (let i = 0; i < chars.length; i++) {
        const char = chars[i];
        if (i === 0) {
            ret += ansiCodesToString(char.styles);
        }
        else {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }
        ret += char.value;
        // reset active styles at the end of the string
        if (i === chars.length - 1) {
            ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
        }
    }
    return ret;
}`
export const EDITS = [
  {
    file: 'node_modules/@oclif/core/lib/config/plugin.js',
    from: '.sort((a, b) => a.id.localeCompare(b.id))',
    to: '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))',
  },
  {file: 'node_modules/@oclif/core/lib/index.js', from: 'checkNodeVersion();', to: ''},
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: 'this.platform = await (0, os_1.getPlatform)();',
    to: "this.platform = /microsoft/i.test(require('node:os').release()) ? await (0, os_1.getPlatform)() : (0, node_os_1.platform)();",
  },
  // The user's theme file (~/.config/guestview/theme.json) is read with fs/promises, whose failure on a
  // missing file (a FileHandle, a rejected promise, an Error with its stack) was a few ms of every run: a
  // synchronous look first, and the same read where the file is there.
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: '(0, fs_1.safeReadJson)(userThemeFile),',
    to: '(0, fs_1.existsSync)(userThemeFile) ? (0, fs_1.safeReadJson)(userThemeFile) : undefined,',
  },
  // The theme (the user's theme.json over the package's, for the colours of help, of the spinner and of oclif's
  // coloured JSON) is looked for and parsed in every run, though only help reads it here (our commands print
  // their own JSON and draw no spinner): it is now read where first read, synchronously (the same files, the
  // same merge; a getter cannot wait), so a JSON run never looks. With DEBUG set or performance marks on, it
  // loads as before, at Config.load.
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: '        this.theme = await this.loadTheme();\n',
    to: `        if (process.env.DEBUG || performance_1.Performance.enabled)
            this.theme = await this.loadTheme();
        else {
            let theme, read = false;
            Object.defineProperty(this, 'theme', {
                configurable: true,
                enumerable: true,
                get: () => (read ? theme : ((read = true), (theme = this.loadThemeSync()))),
                set: (value) => { read = true; theme = value; },
            });
        }
`,
  },
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: '    async loadTheme() {\n',
    to: `    loadThemeSync() {
        if (this.scopedEnvVarTrue('DISABLE_THEME'))
            return;
        const read = (path) => {
            try {
                return JSON.parse(require('node:fs').readFileSync(path, 'utf8'));
            }
            catch { }
        };
        const userThemeFile = (0, node_path_1.resolve)(this.configDir, 'theme.json');
        const packageTheme = this.pjson.oclif.theme;
        const defaultTheme = !packageTheme ? undefined : typeof packageTheme === 'string' ? read((0, node_path_1.resolve)(this.root, packageTheme)) : packageTheme;
        const userTheme = (0, fs_1.existsSync)(userThemeFile) ? read(userThemeFile) : undefined;
        const merged = { ...defaultTheme, ...userTheme };
        return Object.keys(merged).length > 0 ? (0, theme_1.parseTheme)(merged) : undefined;
    }
    async loadTheme() {
`,
  },
  // Config.load builds every command's entry, its id's permutations, and a topic for each command and each
  // prefix of its id, in every run; a run needs the command ids (to collate `a b` into `a:b`) and the one
  // command it runs. Where that index cannot differ from the plugin's own list (one plugin, no command
  // aliases, no flexible taxonomy), it is built on first use (help, a topic, an unknown id, anything that
  // reads the maps), and until then findCommand and commandIDs answer from the plugin's commands: the same
  // objects, in the same order. With DEBUG set or performance marks on, it is built at once, as before.
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: '        for (const plugin of this.plugins.values()) {\n            this.loadCommands(plugin);\n            this.loadTopics(plugin);\n        }\n',
    to: `        const only = this.plugins.size === 1 && !this.flexibleTaxonomy && !process.env.DEBUG && !performance_1.Performance.enabled
            ? [...this.plugins.values()][0]
            : undefined;
        if (only && only.commands.every((c) => !c.aliases?.length && !c.hiddenAliases?.length)) {
            const names = ['_commands', '_topics', 'commandPermutations', 'topicPermutations'];
            const values = names.map((name) => this[name]);
            this._commandsOfOnlyPlugin = only;
            const index = () => {
                if (!this._commandsOfOnlyPlugin)
                    return;
                this._commandsOfOnlyPlugin = undefined;
                for (const [i, name] of names.entries())
                    Object.defineProperty(this, name, { configurable: true, enumerable: true, value: values[i], writable: true });
                for (const plugin of this.plugins.values()) {
                    this.loadCommands(plugin);
                    this.loadTopics(plugin);
                }
            };
            for (const name of names)
                Object.defineProperty(this, name, {
                    configurable: true,
                    enumerable: true,
                    get: () => (index(), this[name]),
                    set: (value) => { index(); this[name] = value; },
                });
        }
        else
            for (const plugin of this.plugins.values()) {
                this.loadCommands(plugin);
                this.loadTopics(plugin);
            }
`,
  },
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: '    findCommand(id, opts = {}) {\n',
    to: '    findCommand(id, opts = {}) {\n        const found = this._commandsOfOnlyPlugin?.commands.find((c) => c.id === id);\n        if (found)\n            return found;\n',
  },
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: '    get commandIDs() {\n        if (this._commandIDs)\n            return this._commandIDs;\n',
    to: '    get commandIDs() {\n        if (this._commandIDs)\n            return this._commandIDs;\n        if (this._commandsOfOnlyPlugin)\n            return (this._commandIDs = this._commandsOfOnlyPlugin.commands.map((c) => c.id));\n',
  },
  // Config.load works out the cache, config and data directories (the scoped environment variables, XDG's,
  // path joins) in every run; oclif reads the config one for the theme (now read where first read, above) and
  // the data one for user plugins, which it never looks for where the plugins are handed to it (src/cli/main.ts).
  // Each is now worked out where first read (from the environment then: nothing here sets those variables
  // after the load), and the plugin loader is handed the data directory as a getter. With DEBUG set or
  // performance marks on, at Config.load as before. `owns --json`, "plugin loaded" to "command init()" (oclif's
  // Config.load and the command's modules; callgrind, no GC, 3 runs each): 3.89 to 3.46 M instructions under
  // Node 20, 2.70 to 2.61 M under Node 24 (with the theme read lazily: its lookup read the config directory).
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: "        this.cacheDir = this.scopedEnvVar('CACHE_DIR') || this.macosCacheDir() || this.dir('cache');\n        this.configDir = this.scopedEnvVar('CONFIG_DIR') || this.dir('config');\n        this.dataDir = this.scopedEnvVar('DATA_DIR') || this.dir('data');\n",
    to: `        const dirs = {
            cacheDir: () => this.scopedEnvVar('CACHE_DIR') || this.macosCacheDir() || this.dir('cache'),
            configDir: () => this.scopedEnvVar('CONFIG_DIR') || this.dir('config'),
            dataDir: () => this.scopedEnvVar('DATA_DIR') || this.dir('data'),
        };
        for (const [name, find] of Object.entries(dirs)) {
            const set = (value) => Object.defineProperty(this, name, { configurable: true, enumerable: true, value, writable: true });
            if (process.env.DEBUG || performance_1.Performance.enabled)
                set(find());
            else
                Object.defineProperty(this, name, { configurable: true, enumerable: true, get: () => (set(find()), this[name]), set });
        }
`,
  },
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: '    async loadPluginsAndCommands(opts) {\n',
    to: '    async loadPluginsAndCommands(opts) {\n        const config = this;\n',
  },
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: '            dataDir: this.dataDir,\n',
    to: '            get dataDir() {\n                return config.dataDir;\n            },\n',
  },
  // oclif waits for stdout to drain after each command, racing a 10 s timer: the first setTimeout of a run
  // sets up Node's timers (~0.5 ms of a JSON run). Where the write of nothing says stdout took everything
  // (a file, a pipe with room, a terminal), there is nothing to wait for, and no timer.
  {
    file: 'node_modules/@oclif/core/lib/flush.js',
    from: 'async function flush(ms = 10_000) {\n',
    to: "async function flush(ms = 10_000) {\n    if (process.stdout.write(''))\n        return;\n",
  },
  // Each oclif logger is a \`debug\` instance, and debug reads DEBUG once, as it loads: with DEBUG unset every
  // instance is off for the whole run. Where it is unset, a logger is a function that does nothing, and debug
  // (with its colour and terminal checks: ~0.5 ms of a start) never loads (LAZY_REQUIRES in scripts/build.mjs).
  {
    file: 'node_modules/@oclif/core/lib/logger.js',
    from: 'const debug = (0, debug_1.default)(namespace);',
    to: 'const debug = process.env.DEBUG ? (0, debug_1.default)(namespace) : Object.assign(() => { }, { enabled: false, namespace });',
  },
  // The bundle carries oclif's command manifest (made by the build from the same classes: src/cli/manifest.ts),
  // as a plugin's oclif.manifest.json would: without it, oclif builds one as it starts, loading and describing
  // every command class, where a run needs only its own. A plugin given `manifest` takes it as read from a file.
  {
    file: 'node_modules/@oclif/core/lib/config/plugin.js',
    from: 'if (!ignoreManifest) {\n            const manifest = await readManifest();',
    to: 'if (this.options.manifest) {\n            this.commandIDs = Object.keys(this.options.manifest.commands);\n            return this.options.manifest;\n        }\n        if (!ignoreManifest) {\n            const manifest = await readManifest();',
  },
  // With auto-transpile off (src/cli/main.ts), oclif's tsPath returns the command index's path joined to the
  // root, after loading ts-path and read-tsconfig (with their settings, debug and warning helpers) to say so:
  // the same join, where DEBUG is unset (with it set, tsPath runs, and logs that it skipped the lookup).
  {
    file: 'node_modules/@oclif/core/lib/config/plugin.js',
    from: "if (this.commandDiscoveryOpts?.strategy === 'explicit' && this.commandDiscoveryOpts.target) {\n            const filePath = await (0, ts_path_1.tsPath)(this.root, this.commandDiscoveryOpts.target, this);",
    to: "if (this.commandDiscoveryOpts?.strategy === 'explicit' && this.commandDiscoveryOpts.target) {\n            const target = this.commandDiscoveryOpts.target;\n            const filePath = require('../settings').settings.enableAutoTranspile === false && !process.env.DEBUG\n                ? (target.startsWith(this.root) ? target : (0, node_path_1.join)(this.root, target))\n                : await (0, ts_path_1.tsPath)(this.root, this.commandDiscoveryOpts.target, this);",
  },
  // oclif runs its hooks at five points of a run (init, prerun, preparse, postrun, finally): each time a
  // Performance mark, a debug logger, closures, a context object per plugin and a Promise.all to wait on. Where
  // no plugin has a hook for the event (guestview's one plugin has none), the result is the same empty one; with
  // DEBUG set or performance marks on, the hook runner runs, to log and mark. `owns --json`, Node 20, a whole run
  // without GC: 586.1 to 585.4 M instructions.
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: '    async runHook(event, opts, timeout, captureErrors) {\n',
    to: '    async runHook(event, opts, timeout, captureErrors) {\n        if (!process.env.DEBUG && !performance_1.Performance.enabled && (ROOT_ONLY_HOOKS.has(event) ? [this.rootPlugin] : [...this.plugins.values()]).every((p) => !p.hooks[event]?.length))\n            return { failures: [], successes: [] };\n',
  },
  // oclif's Command.run (the static one, which runCommand calls with the config it has just loaded) calls
  // Config.load(config), which for any config made by an oclif loads a new one from the same options and
  // plugins: every run loaded its config twice (the theme file looked for, the directories, every command's
  // permutations and topics), DEBUG shows "reloading config from @oclif/core@4.14.0 to @oclif/core@4.14.0".
  // A loaded config of this same oclif is now taken as it is, as the command's; main.run has already cached
  // that one as the run's config. With DEBUG set or performance marks on, it reloads, to log and mark as before.
  // `owns --json`: the program's top level to run() 11.11 to 9.74 M instructions under Node 20 and 8.30 to 7.63 M
  // under Node 24 (no GC); a whole Node 20 run without GC 585.5 to 584.1 M.
  {
    file: 'node_modules/@oclif/core/lib/config/config.js',
    from: '        if (isConfig(opts)) {\n            debug(`reloading config from ${opts._base} to ${BASE}`);',
    to: '        if (opts instanceof Config && opts._base === BASE && opts.rootPlugin && !process.env.DEBUG && !performance_1.Performance.enabled)\n            return opts;\n        if (isConfig(opts)) {\n            debug(`reloading config from ${opts._base} to ${BASE}`);',
  },
  // oclif's run() asks help/index.js for normalizeArgv and its help flags, which load the help classes
  // (help/index, command, formatter, root, docopts, ts-path, read-tsconfig: seven modules) in every run. Both
  // live in help/util.js, which command.js has already loaded.
  {
    file: 'node_modules/@oclif/core/lib/main.js',
    from: 'const mergedHelpFlags = (0, help_1.getHelpFlagAdditions)(config);',
    to: 'const mergedHelpFlags = (0, require("./help/util").getHelpFlagAdditions)(config);',
  },
  {
    file: 'node_modules/@oclif/core/lib/main.js',
    from: 'const [id, ...argvSlice] = (0, help_1.normalizeArgv)(config, argv);',
    to: 'const [id, ...argvSlice] = (0, require("./help/util").normalizeArgv)(config, argv);',
  },
  // oclif's index loads its flag-constraint builders (constraints.js) for the export Constraints, which guestview
  // never uses: loaded where it is read.
  {
    file: 'node_modules/@oclif/core/lib/index.js',
    from: 'exports.Constraints = __importStar(require("./constraints"));',
    to: 'Object.defineProperty(exports, "Constraints", { enumerable: true, get: () => __importStar(require("./constraints")) });',
  },
  // The bundle's manifest holds each command's id, names and arguments only: help gets the rest first
  // (src/cli/help-manifest.ts).
  {
    file: 'node_modules/@oclif/core/lib/help/index.js',
    from: 'class HelpBase extends formatter_1.HelpFormatter {\n    constructor(config, opts = {}) {\n',
    to: "class HelpBase extends formatter_1.HelpFormatter {\n    constructor(config, opts = {}) {\n        globalThis[Symbol.for('guestview.beforeHelp')]?.(config);\n",
  },
  // prom-client (the metrics chunk) requires zlib for its Pushgateway's gzip and reads perf_hooks.constants for
  // its GC metric as it loads: zlib loads Node's streams, perf_hooks a dozen modules, and a one-shot `metrics`
  // uses neither. Each is taken where it is used (the build makes the require itself lazy: LAZY_BUILTINS).
  {
    file: 'node_modules/prom-client/lib/pushgateway.js',
    from: "const { gzipSync } = require('zlib');",
    to: "const gzipSync = (...args) => require('zlib').gzipSync(...args);",
  },
  {
    file: 'node_modules/prom-client/lib/metrics/gc.js',
    from: "if (perf_hooks && perf_hooks.constants) {\n\tkinds[perf_hooks.constants.NODE_PERFORMANCE_GC_MAJOR] = 'major';\n\tkinds[perf_hooks.constants.NODE_PERFORMANCE_GC_MINOR] = 'minor';\n\tkinds[perf_hooks.constants.NODE_PERFORMANCE_GC_INCREMENTAL] = 'incremental';\n\tkinds[perf_hooks.constants.NODE_PERFORMANCE_GC_WEAKCB] = 'weakcb';\n}\n\nmodule.exports = (registry, config = {}) => {\n\tif (!perf_hooks) {\n\t\treturn;\n\t}\n",
    to: "module.exports = (registry, config = {}) => {\n\tif (!perf_hooks) {\n\t\treturn;\n\t}\n\tif (perf_hooks.constants && kinds.length === 0) {\n\t\tkinds[perf_hooks.constants.NODE_PERFORMANCE_GC_MAJOR] = 'major';\n\t\tkinds[perf_hooks.constants.NODE_PERFORMANCE_GC_MINOR] = 'minor';\n\t\tkinds[perf_hooks.constants.NODE_PERFORMANCE_GC_INCREMENTAL] = 'incremental';\n\t\tkinds[perf_hooks.constants.NODE_PERFORMANCE_GC_WEAKCB] = 'weakcb';\n\t}\n",
  },
  {file: 'node_modules/ink/build/reconciler.js', from: "await import('./devtools.js');", to: ''},
  // Ink 6.8 keeps every text it measured and wrapped, keyed by the whole text, for as long as the process runs
  // (ink#986; later Ink caps them): `watch` redraws a rows block whose numbers change every frame, so each frame
  // left ~2-3 KiB behind, ~100 MiB a day at the default 2 s (bench/watch-memory.ts). Both caches are cleared at
  // 1,000 texts (a screen draws a few dozen). The wrap cache's key also ran text and width together ("ab" at
  // 12 and "ab1" at 2 were one key: ink#998): the width and wrap type come first now, each ended by a comma.
  {
    file: 'node_modules/ink/build/measure-text.js',
    from: '    cache.set(text, dimensions);',
    to: '    if (cache.size >= 1000)\n        cache.clear();\n    cache.set(text, dimensions);',
  },
  {file: 'node_modules/ink/build/wrap-text.js', from: 'const cache = {};', to: 'const cache = new Map();'},
  {
    file: 'node_modules/ink/build/wrap-text.js',
    from: '    const cacheKey = text + String(maxWidth) + String(wrapType);\n    const cachedText = cache[cacheKey];',
    to: '    const cacheKey = `${maxWidth},${wrapType},${text}`;\n    const cachedText = cache.get(cacheKey);',
  },
  {
    file: 'node_modules/ink/build/wrap-text.js',
    from: '    cache[cacheKey] = wrappedText;',
    to: '    if (cache.size >= 1000)\n        cache.clear();\n    cache.set(cacheKey, wrappedText);',
  },
  {
    file: 'node_modules/ink/build/wrap-text.js',
    from: 'wrappedText = wrapAnsi(text, maxWidth, {\n            trim: false,',
    to: 'wrappedText = wrapAnsi(text, maxWidth, {\n            trim: true,',
  },
  {
    file: 'node_modules/ink/build/reconciler.js',
    from: '? await loadPackageJson()',
    to: '? {name: undefined, version: undefined}',
  },
  ...STRING_WIDTH_8.map((file) => ({
    file,
    from: 'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
    to: `if (${CONTROLS}) {\n\t\treturn 0;\n\t}\n\n\tif (${NARROW}) {`,
  })),
  {
    file: STRING_WIDTH_7,
    from: '\tlet width = 0;\n\tconst eastAsianWidthOptions',
    to: `\tif (${CONTROLS}) {\n\t\treturn 0;\n\t}\n\n\tif (${NARROW}) {\n\t\treturn string.length;\n\t}\n\n\tlet width = 0;\n\tconst eastAsianWidthOptions`,
  },
  ...[...STRING_WIDTH_8, STRING_WIDTH_7].map((file) => ({
    file,
    from: 'const segmenter = new Intl.Segmenter();',
    to: 'let segmenterInstance;\nconst segmenter = {segment: (s) => (segmenterInstance ??= new Intl.Segmenter()).segment(s)};',
  })),
  {
    file: 'node_modules/slice-ansi/tokenize-ansi.js',
    from: "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
    to: "let graphemeSegmenter;\nconst GRAPHEME_SEGMENTER = {segment: (s) => (graphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(s)};",
  },
  ...STRING_WIDTH_8.map((file) => ({
    file,
    from: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    to: 'let rgiEmojiInstance;\nconst rgiEmojiRegex = {test: (s) => (rgiEmojiInstance ??= /^\\p{RGI_Emoji}$/v).test(s)};',
  })),
  // Ink splits every line it draws into graphemes (ansi-tokenize's tokenize), with an Intl.Segmenter built as
  // the module loads: the first segmenter of a process loads ICU's break-iterator data, 11 ms under Node 20 and
  // 15-30 ms under Node 24, about a tenth of drawing a screen. Built on first use instead, and not used where
  // each UTF-16 unit of the line is a grapheme of its own (UAX #29: no CR LF pair, and no character that joins
  // the one before or after it: Extend, ZWJ, SpacingMark, Prepend, Hangul, regional indicators). That holds for
  // ASCII, Latin-1 and its extensions, Greek, general punctuation, arrows, box drawing, blocks and geometric
  // shapes, which is what guestview's screens hold; any other line goes to ICU as before.
  {
    file: 'node_modules/@alcalzone/ansi-tokenize/build/tokenize.js',
    from: 'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
    to: `let segmenterInstance;
const ONE_UNIT_GRAPHEMES = /^[\\u0000-\\u02ff\\u0370-\\u03ff\\u2010-\\u2027\\u2030-\\u205e\\u2190-\\u21ff\\u2500-\\u25ff]*$/;
function* unitSegments(input) {
    for (let index = 0; index < input.length; index++)
        yield { segment: input[index], index, input };
}
const segmenter = {
    segment: (s) => ONE_UNIT_GRAPHEMES.test(s) && !s.includes("\\r\\n")
        ? unitSegments(s)
        : (segmenterInstance ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(s),
};`,
  },
  // Ink turns every cell of a screen back into text with styledCharsToString, which diffs the styles of
  // each cell against the previous one (three Sets and two arrays per cell: about a tenth of drawing the
  // overview). The diff depends only on each style's start and end codes, so two cells styled alike need
  // none: the diff is empty, as the full computation finds.
  {
    file: 'node_modules/@alcalzone/ansi-tokenize/build/diff.js',
    from: 'export function diffAnsiCodes(from, to) {\n',
    to: 'export function diffAnsiCodes(from, to) {\n    if (from.length === to.length && from.every((c, i) => c.code === to[i].code && c.endCode === to[i].endCode))\n        return [];\n',
  },
  // Ink draws a frame into a grid of cells, a styled character each, and turns each line back into text
  // (Output#get): the overview at 100 columns is ~5,000 cells, and each cell cost an object, a copy of its
  // styles, and a Set and an array to write no escape code between two cells styled alike (ansiCodesToString
  // of an empty diff): about a third of drawing a frame. Now the blank cells are one shared object; the
  // characters of one run of a style are tokenize's own objects (made for this call, kept by no one else) and
  // share its list of codes (no one changes such a list: each new code makes a new one); a line with no hole is
  // not filtered for holes (a call per cell); and a cell styled as the one before it writes nothing without
  // computing the diff, which would be empty (StyledChars.test.ts checks the text against the original).
  {
    file: 'node_modules/@alcalzone/ansi-tokenize/build/styledChars.js',
    from: '            ret.push({\n                ...token,\n                styles: [...codes],\n            });',
    to: '            token.styles = codes;\n            ret.push(token);',
  },
  {
    file: 'node_modules/@alcalzone/ansi-tokenize/build/styledChars.js',
    from: STYLED_CHARS_TO_STRING,
    to: `export function styledCharsToString(chars) {
    let ret = "";
    let before = NO_STYLES;
    for (let i = 0; i < chars.length; i++) {
        const { styles, value } = chars[i];
        if (styles !== before && (styles.length > 0 || before.length > 0))
            ret += ansiCodesToString(diffAnsiCodes(before, styles));
        ret += value;
        before = styles;
    }
    if (before.length > 0)
        ret += ansiCodesToString(diffAnsiCodes(before, []));
    return ret;
}
const NO_STYLES = [];`,
  },
  {
    file: 'node_modules/ink/build/output.js',
    from: "                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });",
    to: '                row.push(BLANK_CELL);',
  },
  {
    file: 'node_modules/ink/build/output.js',
    from: '            const lineWithoutEmptyItems = line.filter(item => item !== undefined);',
    to: '            const lineWithoutEmptyItems = line.includes(undefined) ? line.filter(item => item !== undefined) : line;',
  },
  {
    file: 'node_modules/ink/build/output.js',
    from: 'class OutputCaches {',
    to: "const BLANK_CELL = { type: 'char', value: ' ', fullWidth: false, styles: [] };\nclass OutputCaches {",
  },
  // Ink passes each Text's text through sanitizeAnsi, which tokenizes any text holding an escape code, character
  // by character, to drop those that would move the cursor: every styled Text, and guestview draws a run of lines
  // as one Text (src/doc/ink/pieces.tsx), a loop long enough that V8 compiled the tokenizer with TurboFan on each
  // run (~10 ms of a second thread). Where the escape codes are SGR ones only (colour and weight: ESC [ digits
  // and semicolons m) and no other control is left without them, every token would be kept: the text is returned
  // as it is. (The controls are hasAnsiControlCharacters', ESC and C1, as one regular expression.)
  {
    file: 'node_modules/ink/build/sanitize-ansi.js',
    from: 'const sanitizeAnsi = (text) => {\n    if (!hasAnsiControlCharacters(text)) {\n        return text;\n    }\n',
    to: "const sgrOnly = /\\u001B\\[[\\d;]*m/g;\nconst controls = /[\\u001B\\u0080-\\u009F]/;\nconst sanitizeAnsi = (text) => {\n    if (!controls.test(text) || !controls.test(text.replace(sgrOnly, ''))) {\n        return text;\n    }\n",
  },
  // A screen drawn with Ink loaded ~20 of Node's modules that no screen uses, each compiled as it loads (on a
  // terminal's run, a few ms under Node 22): signal-exit's assert (seven modules, for one check of a callback's
  // type), stack-utils' list of Node's built-in modules (node:module and its source maps) for Ink's error
  // view, which only an error thrown while drawing shows, and React's scheduler's clock: \`typeof performance\`
  // builds Node's Performance (perf_hooks and ten modules), where Date.now() is the clock it falls back to.
  // node:child_process (terminal-size's fallbacks) is lazy too: LAZY_BUILTINS in scripts/build.mjs.
  {
    file: 'node_modules/signal-exit/index.js',
    from: "var assert = require('assert')",
    to: "var assert = {equal: function (a, b, message) { require('assert').equal(a, b, message) }}",
  },
  {
    file: 'node_modules/stack-utils/index.js',
    from: 'const natives = [].concat(',
    to: 'let nativesMade;\nconst natives = {make: () => [].concat(',
  },
  {
    file: 'node_modules/stack-utils/index.js',
    from: '));\n\nnatives.push(\n',
    to: ')).concat([\n',
  },
  {
    file: 'node_modules/stack-utils/index.js',
    from: '/\\/\\.node-spawn-wrap-\\w+-\\w+\\/node:\\d+:\\d+\\)?$/\n);',
    to: '/\\/\\.node-spawn-wrap-\\w+-\\w+\\/node:\\d+:\\d+\\)?$/\n])};',
  },
  {
    file: 'node_modules/stack-utils/index.js',
    from: 'return [...natives];',
    to: 'return [...(nativesMade ??= natives.make())];',
  },
  {
    file: 'node_modules/ink/build/components/ErrorOverview.js',
    from: 'const stackUtils = new StackUtils({\n    cwd: cwd(),\n    internals: StackUtils.nodeInternals(),\n});',
    to: 'let stackUtilsMade;\nconst stackUtils = { parseLine: (line) => (stackUtilsMade ??= new StackUtils({ cwd: cwd(), internals: StackUtils.nodeInternals() })).parseLine(line) };',
  },
  {
    file: 'node_modules/scheduler/cjs/scheduler.production.js',
    from: 'if ("object" === typeof performance && "function" === typeof performance.now) {',
    to: 'if (false) {',
  },
  // Ink's stdin context takes process.stdin as Ink loads: on a terminal that builds a tty.ReadStream (a
  // net.Socket, ~0.5 ms), which a screen drawn once never reads. Taken when a component asks for it.
  {
    file: 'node_modules/ink/build/components/StdinContext.js',
    from: '    stdin: process.stdin,',
    to: '    get stdin() { return process.stdin; },',
  },
  // nanoid (the report's id) draws from webcrypto's getRandomValues: loading node:crypto and webcrypto is
  // about a tenth of an `owns --json` run on Node 20. It reads the kernel's CSPRNG instead, as they do
  // (getrandom(7): /dev/urandom never blocks once the pool is ready, which it is long before a container
  // starts); node:crypto's randomFillSync where there is no /dev/urandom.
  {
    file: 'node_modules/nanoid/index.js',
    from: "import { webcrypto as crypto } from 'node:crypto'",
    to: `import { closeSync, openSync, readSync } from 'node:fs'
const crypto = {
  getRandomValues(bytes) {
    try {
      const fd = openSync('/dev/urandom', 'r')
      try {
        for (let n = 0; n < bytes.length; ) {
          const got = readSync(fd, bytes, n, bytes.length - n, null)
          if (got <= 0) throw new Error('/dev/urandom: short read')
          n += got
        }
      } finally {
        closeSync(fd)
      }
    } catch {
      require('node:crypto').randomFillSync(bytes)
    }
    return bytes
  },
}`,
  },
]

/**
 * debug and supports-color (under oclif) load node:tty as they load, for tty.isatty: that loads net and the
 * streams, which a JSON run never needs otherwise (src/cli/stdio.ts). A descriptor that is not a character
 * device, or one of major 1 (/dev/null), is no terminal; only for another do they load node:tty, and ask.
 */
const LAZY_TTY = `const tty = {isatty(fd) {
  try {
    const st = require('node:fs').fstatSync(fd)
    if (!st.isCharacterDevice() || Math.floor(st.rdev / 256) % 4096 === 1) return false
  } catch {
    return false
  }
  return require('node:tty').isatty(fd)
}};`
EDITS.push(
  {file: 'node_modules/debug/src/node.js', from: "const tty = require('tty');", to: LAZY_TTY},
  {file: 'node_modules/supports-color/index.js', from: "const tty = require('tty');", to: LAZY_TTY},
)

/** Files that EDITS changes, as a pattern on a module's path (for esbuild's onLoad filter). */
export const EDITED_FILES = new RegExp(
  `/(${[...new Set(EDITS.map((e) => e.file))].map((f) => f.replace(/[/.]/g, '\\$&')).join('|')})$`,
)

/**
 * `source` of the module at `path` with its edits made. By the path's end: node_modules may be a link to another
 * checkout's (a clone's tests do that). Throws if an edit's text is gone: that entry of EDITS must go.
 */
export function applyEdits(path, source) {
  for (const e of EDITS.filter((x) => path.endsWith(`/${x.file}`))) {
    if (!source.includes(e.from)) throw new Error(`${e.file} no longer holds \`${e.from}\`: remove that entry of EDITS`)
    source = source.replace(e.from, e.to)
  }
  return source
}
