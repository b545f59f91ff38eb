// Lint: typescript-eslint's recommended rules plus the house rule on module boundaries.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ROOT = import.meta.dirname;
const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/**
 * Module boundaries (docs/ARCHITECTURE.md):
 * - web code (src/web, src/modules/x/web) never imports server code;
 * - platform never depends on modules or the app;
 * - a module reaches another only through its public files: the module-root files
 *   (contracts, pure rules) and server/index.ts; of the app, only the database schema type.
 */
const boundaryRule = {
  meta: { type: 'problem', schema: [], messages: { broken: '{{why}}' } },
  create(context) {
    const from = rel(context.filename);
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = rel(path.resolve(path.dirname(context.filename), source));
      const fromModule = from.match(/^src\/modules\/([^/]+)\//)?.[1];
      const toModule = to.match(/^src\/modules\/([^/]+)\//)?.[1];
      const isWeb = (f) => f.startsWith('src/web/') || /^src\/modules\/[^/]+\/web\//.test(f);
      let why = null;
      if (isWeb(from) && !isWeb(to) && !(toModule && /^src\/modules\/[^/]+\/[^/]+\.ts$/.test(to))) {
        why = `web code never imports server code (${to})`;
      } else if (from.startsWith('src/platform/') && (toModule || to.startsWith('src/app/'))) {
        why = `platform never depends on modules or the app (${to})`;
      } else if (fromModule && to.startsWith('src/app/') && to !== 'src/app/database-schema.ts') {
        why = `modules never import the app composition root (${to})`;
      } else if (fromModule && toModule && fromModule !== toModule) {
        const isPublic =
          /^src\/modules\/[^/]+\/[^/]+\.ts$/.test(to) || /^src\/modules\/[^/]+\/server\/index\.ts$/.test(to);
        if (!isPublic) why = `module ${fromModule} reaches ${toModule} only through its public files (${to})`;
      }
      if (why) context.report({ node, messageId: 'broken', data: { why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', '.test-data/', 'bench/results/', '.tmp-*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { tacdesk: { rules: { 'module-boundaries': boundaryRule } } },
    rules: {
      'tacdesk/module-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'no enums (erasableSyntaxOnly): use a const array or object',
        },
      ],
    },
  },
  { files: ['src/web/**', 'src/modules/*/web/**'], languageOptions: { globals: { ...globals.browser } } },
);
