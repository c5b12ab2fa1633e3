// Renders an HTML report in the system Chromium (Debian's /usr/bin/chromium) through playwright-core, and
// prints one JSON object: console errors, requests that tried to leave the file, axe-core's violations, the
// elements keyboard focus reached (with whether the focus is visible), and the page's size.
// Usage: node check_report.mjs REPORT.html [--screenshot OUT.png]   (run by tests/test_html_browser.py)
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(join(process.cwd(), "noop.js"));
const { chromium } = require("playwright-core");
const axePath = require.resolve("axe-core/axe.min.js");

const [report, flag, shot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const profile = mkdtempSync(join(tmpdir(), "ssec-audit-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath, headless: true, viewport: { width: 1280, height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run"],
});
const out = { console: [], pageErrors: [], requests: [], violations: [], focus: [] };
try {
  const page = context.pages()[0] || await context.newPage();
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") out.console.push(m.type() + ": " + m.text()); });
  page.on("pageerror", (e) => out.pageErrors.push(String(e)));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    out.requests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(resolve(report)).href, { waitUntil: "load" });
  // keyboard: Tab through the page, noting what gets focus and whether it shows an outline
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    out.focus.push(await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName.toLowerCase(), id: el.id || "", cls: el.className || "",
               text: (el.textContent || "").trim().slice(0, 60),
               outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
    }));
  }
  // a filter works from the keyboard: focus the Errors box, Space unticks it, error findings disappear
  await page.focus("#f-sev-warning");
  await page.keyboard.press("Space");
  out.afterFilter = await page.evaluate(() => ({
    status: document.getElementById("filter-status").textContent,
    visibleWarnings: [...document.querySelectorAll('.finding[data-severity="warning"]')]
      .filter((el) => getComputedStyle(el).display !== "none").length,
  }));
  await page.keyboard.press("Space");
  // a group opens from the keyboard
  await page.focus("details.group > summary");
  await page.keyboard.press("Enter");
  out.groupOpened = await page.evaluate(() => document.querySelector("details.group").open);
  await page.keyboard.press("Enter");
  // axe-core on the whole page (WCAG 2.0-2.2 A and AA, and best practices), all groups open
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
  await page.addScriptTag({ path: axePath });
  const axe = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return { version: window.axe.version, violations: r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary) })),
      passes: r.passes.length };
  });
  out.axeVersion = axe.version;
  out.violations = axe.violations;
  out.title = await page.title();
  out.height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (flag === "--screenshot" && shot) {
    await page.evaluate(() => { document.querySelectorAll("details").forEach((d) => { d.open = false; });
      document.activeElement.blur(); window.scrollTo(0, 0); });
    await page.screenshot({ path: shot, fullPage: false });
    out.screenshot = shot;
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
