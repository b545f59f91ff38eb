/**
 * Copies the State Council's public holidays and make-up working days (调休) from the
 * `chinese-days` devDependency into src/modules/calendars/data/cn-holidays.json, with names in
 * Chinese and English. The product reads only that committed file, never the package: run this
 * after `npm update chinese-days`, review the diff, commit it.
 *
 *   npm exec -- node scripts/update-cn-holidays.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

const require = createRequire(import.meta.url);
const OUT = fileURLToPath(new URL('../src/modules/calendars/data/cn-holidays.json', import.meta.url));

/** The package's names, as in "New Year's Day,元旦,1"; keyed by its Chinese name. */
const NAMES: Record<string, { zh: string; en: string }> = {
  元旦: { zh: '元旦', en: "New Year's Day" },
  春节: { zh: '春节', en: 'Spring Festival' },
  清明: { zh: '清明节', en: 'Qingming Festival' },
  劳动节: { zh: '劳动节', en: 'Labour Day' },
  端午: { zh: '端午节', en: 'Dragon Boat Festival' },
  中秋: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  国庆节: { zh: '国庆节', en: 'National Day' },
  中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日: {
    zh: '抗战胜利70周年纪念日',
    en: 'Victory Day (70th anniversary)',
  },
};

interface Source {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function namesOf(value: string): { zh: string; en: string } {
  const [en = '', zh = ''] = value.split(',');
  const known = NAMES[zh];
  if (!known) process.stderr.write(`unknown holiday name ${zh} (${en}): copied as it is\n`);
  return known ?? { zh, en };
}

const pkg = JSON.parse(await readFile(require.resolve('chinese-days/package.json'), 'utf8')) as {
  version: string;
};
const source = JSON.parse(
  await readFile(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'),
) as Source;

const days = [
  ...Object.entries(source.holidays).map(([date, value]) => {
    const n = namesOf(value);
    return [date, 'holiday', n.zh, n.en];
  }),
  ...Object.entries(source.workdays).map(([date, value]) => {
    const n = namesOf(value);
    return [date, 'workday', `${n.zh}调休上班`, `${n.en} make-up working day`];
  }),
].sort((a, b) => a[0]!.localeCompare(b[0]!));

const years = [...new Set(days.map((d) => Number(d[0]!.slice(0, 4))))].sort((a, b) => a - b);
const data = {
  source: `chinese-days ${pkg.version}, from the State Council's (国务院办公厅) holiday notices`,
  years,
  columns: ['date', 'kind', 'name', 'nameEn'],
  days,
};
const text = await prettier.format(JSON.stringify(data), {
  ...(await prettier.resolveConfig(OUT)),
  filepath: OUT,
});
await writeFile(OUT, text);
process.stdout.write(`${OUT}: ${days.length} days, ${years[0]}–${years.at(-1)}\n`);
