// Import rules of web/src: layers with arrows only downward, one folder per operation.
//   app → ops → ui → state → lib, engine        (tests may import anything)
// `npm run lint` checks them (dependency-cruiser); a rule broken is an error.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file may import itself through others (a cycle of type-only imports is allowed).',
      from: { path: '^web/src' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'wasm-only-from-engine',
      severity: 'error',
      comment: 'Only the engine imports the generated WebAssembly module.',
      from: { path: '^web/src', pathNot: '^web/src/engine/' },
      to: { path: '^web/src/engine/generated/' },
    },
    {
      name: 'engine-is-the-bottom',
      severity: 'error',
      comment: 'The engine imports nothing from the layers above it.',
      from: { path: '^web/src/engine/' },
      to: { path: '^web/src/(lib|state|ui|ops|app)/' },
    },
    {
      name: 'lib-is-pure',
      severity: 'error',
      comment: 'lib/ holds pure helpers: they import only each other and engine types.',
      from: { path: '^web/src/lib/' },
      to: { path: '^web/src/(state|ui|ops|app)/' },
    },
    {
      name: 'state-below-views',
      severity: 'error',
      comment: 'State imports no components, views or operations (the registry is handed to it).',
      from: { path: '^web/src/state/' },
      to: { path: '^web/src/(ui|ops|app)/' },
    },
    {
      name: 'ui-names-no-operation',
      severity: 'error',
      comment: 'Shared UI pieces import no operation and not the shell.',
      from: { path: '^web/src/ui/' },
      to: { path: '^web/src/(ops|app)/' },
    },
    {
      name: 'ops-below-the-shell',
      severity: 'error',
      comment: 'Operations do not import the shell.',
      from: { path: '^web/src/ops/' },
      to: { path: '^web/src/app/' },
    },
    {
      name: 'one-folder-per-operation',
      severity: 'error',
      comment:
        'An operation folder imports no other operation folder; shared family code (ops/conv, ops/pool) imports none either.',
      from: { path: '^web/src/ops/([^/]+)/' },
      to: {
        path: '^web/src/ops/([^/]+)/',
        pathNot: ['^web/src/ops/$1/', '^web/src/ops/(conv|pool)/'],
      },
    },
    {
      name: 'families-import-no-operation',
      severity: 'error',
      comment: 'Shared family code serves operations and imports none of them.',
      from: { path: '^web/src/ops/(conv|pool)/' },
      to: { path: '^web/src/ops/', pathNot: '^web/src/ops/(conv|pool)/' },
    },
    {
      name: 'registry-only-from-the-shell',
      severity: 'error',
      comment: 'Only the shell (and tests) import the registry of operations.',
      from: { path: '^web/src/', pathNot: '^web/src/(app/|main\\.tsx)' },
      to: { path: '^web/src/ops/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^web/src/engine/generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.css'] },
  },
};
