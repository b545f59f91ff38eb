/// <reference types="node" />
/**
 * Every UI string exists, non-empty, in both languages with the same placeholders, and every
 * `t('…')` key used in the web sources exists. Runs under Node's type stripping, so it imports
 * only plain .ts files (no JSX).
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { ROLE_LABELS, STAFF_ROLES } from '../../modules/identity/identity-roles.ts';
import { ERROR_CODES } from '../api/error-codes.ts';
import { MESSAGES, SUPPORTED_LOCALES, translate } from './translate.ts';
import { zhCN } from './zh-CN.ts';

const SRC = join(import.meta.dirname, '..', '..');
const sourceKeys = Object.keys(zhCN);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** Web source files: src/web/** and src/modules/<m>/web/**. */
async function webSourceFiles(): Promise<string[]> {
  const roots = [join(SRC, 'web')];
  for (const entry of await readdir(join(SRC, 'modules'), { withFileTypes: true })) {
    if (entry.isDirectory()) roots.push(join(SRC, 'modules', entry.name, 'web'));
  }
  const files: string[] = [];
  for (const root of roots) {
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        files.push(join(entry.parentPath, entry.name));
      }
    }
  }
  return files;
}

describe('UI messages', () => {
  for (const locale of SUPPORTED_LOCALES) {
    it(`${locale} has every key, none empty, and no strays`, () => {
      const table: Record<string, string> = MESSAGES[locale];
      const missing = sourceKeys.filter((key) => typeof table[key] !== 'string' || table[key].trim() === '');
      assert.deepEqual(missing, [], `${locale}: missing or empty keys`);
      const strays = Object.keys(table).filter((key) => !(key in zhCN));
      assert.deepEqual(strays, [], `${locale}: keys that zh-CN (the source of truth) does not have`);
    });

    it(`${locale} uses the same {placeholders} as zh-CN`, () => {
      const table: Record<string, string> = MESSAGES[locale];
      const differing = sourceKeys.filter(
        (key) =>
          placeholders(table[key] ?? '').join() !== placeholders(zhCN[key as keyof typeof zhCN]).join(),
      );
      assert.deepEqual(differing, [], `${locale}: placeholders differ from zh-CN`);
    });
  }

  it('has a message for every server error code', () => {
    const missing = ERROR_CODES.filter((code) => !(`error.${code}` in zhCN));
    assert.deepEqual(missing, []);
  });

  it('has a label for every staff role in both languages', () => {
    for (const role of STAFF_ROLES) {
      for (const locale of SUPPORTED_LOCALES)
        assert.ok(ROLE_LABELS[role][locale].trim(), `${role} ${locale}`);
    }
  });

  it("defines every literal t('…') key used in the web sources", async () => {
    const files = await webSourceFiles();
    assert.ok(files.length > 10, 'expected to find the web sources');
    const unknown: string[] = [];
    let used = 0;
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      // t('key'), t("key"), t(`key`) and t('key', vars); keys built at run time (`locale.${x}`) are typed instead.
      for (const match of text.matchAll(/\bt\(\s*(['"`])([^'"`$]+?)\1/g)) {
        used += 1;
        if (!(match[2]! in zhCN)) unknown.push(`${relative(SRC, file)}: ${match[2]}`);
      }
    }
    assert.ok(used > 20, `expected many t() calls, found ${used}`);
    assert.deepEqual(unknown, []);
  });

  it('interpolates placeholders and leaves unknown ones visible', () => {
    assert.equal(translate('en', 'home.greeting', { name: 'Li Lei' }), 'Hello, Li Lei');
    assert.equal(translate('zh-CN', 'home.greeting', { name: '李雷' }), '您好，李雷');
    assert.equal(translate('en', 'home.greeting'), 'Hello, {name}');
  });
});
