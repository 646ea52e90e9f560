// ESLint flat config. Besides type-checked rules it enforces the layering of STYLE.md:
// folders are layers and imports point one way (cli/agent -> app -> adapters -> model -> support).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS = [
  'cli',
  'dashboard',
  'agent',
  'app',
  'applier',
  'planner',
  'spec',
  'config',
  'partnercenter',
  'state',
  'sandbox',
  'model',
  'support',
];

/** What each layer may import from src/ (besides itself). */
const ALLOWED = {
  cli: [
    'dashboard',
    'agent',
    'app',
    'applier',
    'planner',
    'spec',
    'config',
    'partnercenter',
    'state',
    'sandbox',
    'model',
    'support',
  ],
  // The read-only web dashboard: an adapter over agent/'s read model and the state store.
  dashboard: ['agent', 'config', 'spec', 'state', 'planner', 'model', 'support'],
  agent: [
    'app',
    'applier',
    'planner',
    'spec',
    'config',
    'partnercenter',
    'state',
    'sandbox',
    'model',
    'support',
  ],
  app: [
    'applier',
    'planner',
    'spec',
    'config',
    'partnercenter',
    'state',
    'sandbox',
    'model',
    'support',
  ],
  applier: ['model', 'support'],
  planner: ['model', 'support'],
  spec: ['model', 'support'],
  config: ['model', 'support'],
  partnercenter: ['model', 'support'],
  state: ['model', 'support'],
  sandbox: ['model', 'support'],
  model: ['support'],
  support: [],
};

/** Modules that do I/O: forbidden in the pure layers (planner, model). */
const IO_MODULES = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'http',
  'node:http',
  'https',
  'node:https',
  'net',
  'node:net',
  'child_process',
  'node:child_process',
  'undici',
  'better-sqlite3',
  'node:worker_threads',
  'node:dgram',
  'node:tls',
  'node-cron',
  '@azure/msal-node',
];

/**
 * Layers a consumer may import for types only: it works through ports it declares and app/
 * builds (STYLE §5). agent/ never calls the state store or the Partner Center client itself.
 */
const TYPES_ONLY = {
  agent: ['state', 'partnercenter'],
};

const upTo = (other) =>
  [1, 2, 3].flatMap((depth) => {
    const up = '../'.repeat(depth);
    return [`${up}${other}`, `${up}${other}/*`];
  });

const typesOnlyRules = Object.entries(TYPES_ONLY).map(([layer, others]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: others.map((other) => ({
          group: upTo(other),
          allowTypeImports: true,
          message: `${layer}/ may import ${other}/ for types only: go through the ports in ${layer}/ports.ts (see STYLE.md, consumers own the ports).`,
        })),
      },
    ],
  },
}));

const layerRules = LAYERS.map((layer) => {
  const forbidden = LAYERS.filter((other) => other !== layer && !ALLOWED[layer].includes(other));
  const pure = layer === 'planner' || layer === 'model';
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: pure
            ? IO_MODULES.map((name) => ({ name, message: `${layer}/ is pure: no I/O.` }))
            : [],
          patterns: forbidden.map((other) => ({
            group: [`../${other}`, `../${other}/*`, `../../${other}`, `../../${other}/*`],
            message: `${layer}/ may not import ${other}/ (see STYLE.md, layers).`,
          })),
        },
      ],
      ...(pure
        ? {
            'no-restricted-properties': [
              'error',
              { object: 'Date', property: 'now', message: 'Pure layer: take `now` as an input.' },
              { object: 'process', message: 'Pure layer: no process access.' },
              { object: 'Math', property: 'random', message: 'Pure layer: deterministic output.' },
            ],
            'no-restricted-syntax': [
              'error',
              { selector: 'TSEnumDeclaration', message: 'Use a union of literals.' },
              {
                selector: "NewExpression[callee.name='Date'][arguments.length=0]",
                message: 'Pure layer: take `now` as an input.',
              },
            ],
          }
        : {}),
    },
  };
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bin/**',
      'state/**',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a union of literals.' },
      ],
    },
  },
  ...layerRules,
  ...typesOnlyRules,
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'vitest.config.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
