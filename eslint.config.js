// ESLint (flat config): typescript-eslint's recommended-type-checked rules over the TypeScript sources,
// ESLint's recommended rules over the plain .js/.mjs scripts, and eslint-config-prettier last so that no
// rule argues with Prettier about layout (Prettier owns formatting: `npm run format`).
// `npm run lint` runs this after `prettier --check`, then the import-boundary check (.dependency-cruiser.cjs).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'fixtures/', 'oclif.manifest.json']},
  js.configs.recommended,
  {
    rules: {
      // A terminal tool's tests match and strip ANSI escape sequences (\x1b[...m): control characters are the point.
      'no-control-regex': 'off',
      // `catch {}` around a best-effort step (killing a child that may be gone, a cleanup) is deliberate.
      'no-empty': ['error', {allowEmptyCatch: true}],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {globals: {...globals.node}},
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
    rules: {
      // Unused names are a mistake, except the `_name` convention for a value we must accept or destructure away.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_'},
      ],
    },
  },
  {
    // Tests read JSON from the CLI and from fixtures: `any` there is the honest type of parsed JSON, and
    // the JSON Schemas (schema/, checked by test/helpers/schema.ts) are what pins its shape.
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Assertion messages print whatever value they got; the src/ rules keep "[object Object]" out of user text.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // Parser tests write the exact decimal a u64 division must round to (18446744073709.551615): the expected
      // value is the double nearest to it, which is what the literal means.
      'no-loss-of-precision': 'off',
    },
  },
  {
    // Every --json output the tests read is checked against its JSON Schema: it goes through checkJson /
    // cliJson / parseJson (test/helpers/schema.ts), never a bare JSON.parse of a program's stdout.
    files: ['test/**/*.{ts,tsx}'],
    ignores: ['test/helpers/schema.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='JSON'][callee.property.name='parse'] > MemberExpression[property.name='stdout']",
          message:
            "guestview's JSON goes through checkJson/cliJson (test/helpers/schema.ts), which checks it against its schema",
        },
      ],
    },
  },
  prettier,
)
