// Run axe-core in Chromium on each fixture of a folder; print {file: {axe rule: {element id: verdict}}}.
// Needs playwright-core and axe-core in node_modules at the project root (npm install --no-save playwright-core
// axe-core), as check_report.mjs does; run from the project root. tools/axe_agreement.py compares our verdicts.
import { chromium } from 'playwright-core';
import fs from 'fs';
import path from 'path';
const dir = process.argv[2];
const rules = ['image-alt','input-image-alt','area-alt','svg-img-alt','role-img-alt','object-alt','link-name',
  'empty-heading','heading-order','frame-title','label','page-has-heading-one','document-title','html-has-lang'];
const axeSrc = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const out = {};
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.html')).sort()) {
  const page = await browser.newPage();
  await page.goto('file://' + path.resolve(dir, f));
  await page.addScriptTag({ content: axeSrc });
  const res = await page.evaluate(async (rules) => {
    const r = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations','passes','incomplete'] });
    const v = {};
    for (const [kind, list] of [['fail', r.violations], ['pass', r.passes], ['incomplete', r.incomplete]])
      for (const rule of list) for (const n of rule.nodes) {
        const sel = n.target[n.target.length - 1];
        const el = document.querySelector(sel);
        const id = el && el.id ? el.id : sel;
        (v[rule.id] ||= {})[id] = kind;
      }
    return v;
  }, rules);
  out[f] = res;
  await page.close();
}
await browser.close();
console.log(JSON.stringify(out, null, 1));
