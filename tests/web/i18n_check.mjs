// Every UI string of the page exists in Chinese and in English (web/shell/i18n.js).
// Usage: node tests/web/i18n_check.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('../../web/shell/i18n.js', import.meta.url));
const context = { localStorage: { getItem: () => null, setItem: () => {} }, navigator: { language: 'zh-CN' }, document: { documentElement: {} } };
vm.createContext(context);
vm.runInContext(readFileSync(file, 'utf8') + '\nthis.KubeplayI18n = KubeplayI18n;', context);
const { strings } = context.KubeplayI18n;
let failures = 0;
for (const [lang, other] of [['zh', 'en'], ['en', 'zh']]) {
  for (const key of Object.keys(strings[lang])) {
    if (!(key in strings[other])) {
      console.log(`FAIL ${key} is in ${lang} but not in ${other}`);
      failures++;
    } else if (strings[lang][key].trim() === '') {
      console.log(`FAIL ${lang}:${key} is empty`);
      failures++;
    }
  }
}
if (context.KubeplayI18n.language() !== 'zh') {
  console.log('FAIL a zh-CN browser should start in Chinese');
  failures++;
}
console.log(failures ? `i18n: ${failures} problem(s)` : `i18n: ok (${Object.keys(strings.zh).length} keys in zh and en)`);
process.exit(failures ? 1 : 0);
