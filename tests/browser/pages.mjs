// The quality gates over every page type: each role, each state of a
// request and of a remediation case, refused forms and the error pages,
// in each language.  Every page is saved as the server sent it and
//  - axe-core, injected into the page in Chromium, finds no serious or
//    critical violation;
//  - at a 360 px wide viewport the document does not scroll sideways;
//  - the Nu HTML Checker (vnu.jar, run once over all saved pages at the
//    end because Java is slow to start) finds no error.
// Prints "ok - …" / "not ok - …" lines, pagesPlan() of them whatever
// fails; a checker that cannot run is a "not ok", never a skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { secondStep } from './totp.mjs';

// The npm packages are outside the tree (make test-deps: PD_NODE_DIR).
const require = createRequire(join(process.env.PD_NODE_DIR ||
    fileURLToPath(new URL('../../build/browser', import.meta.url)), 'package.json'));
const password = 'demo-password';
const languages = ['en', 'zh', 'it'];
const narrow = { width: 360, height: 740 };
const wide = { width: 1280, height: 900 };

function ok(name) { console.log(`ok - ${name}`); }
function notok(name) { console.log(`not ok - ${name}`); }

// The demo users, one per role.
const users = {
	global_admin: 'admin@contoso.example',
	admin_agent: 'agent@contoso.example',
	helpdesk_agent: 'helpdesk@contoso.example',
	sales_agent: 'sales@contoso.example',
	support_agent: 'support@operator.example',
	operator_admin: 'admin@operator.example',
};

// Requests of the demo data in each status (db/demo.sql says which).
const request = { open: 1, attention_needed: 2, closed: 4, none: 12, partner: 13 };

// What each role sees.  A page is [name, path, status] (a GET), or
// [name, path, status, form] where form is the action of a form on that
// page that is sent back with `fill` typed in (and the browser's own
// checks off), so the server refuses it.  `c` holds the remediation
// cases by state, made by setUp().
function tour(c) {
	const r = request;
	return {
		// Past the password only (first: the half session lives 5 minutes).
		half: [
			['two-step sign-in', '/login/totp', 200],
		],
		signed_out: [
			['sign-in', '/login', 200],
			['sign-in refused', '/login', 401, { action: '/login',
			    fill: { email: 'nobody@contoso.example', password: 'wrong' } }],
			['unknown address', '/nowhere', 404],
			['forgot password', '/password/reset', 200],
			['forgot password refused', '/password/reset', 422,
			    { action: '/password/reset', fill: { email: 'not an address' } }],
			['password link invalid', '/password/set?token=nonsense', 404],
			['password set', '/password/set?done=1', 200],
		],
		global_admin: [
			['dashboard', '/dashboard', 200],
			['customers', '/customers', 200],
			['customer search', '/customers?q=north', 200],
			['customer', '/customers/1', 200],
			['customer requests', '/requests', 200],
			['customer requests: several customers match', '/requests?customer_name=north', 200],
			['customer requests: no customer matches', '/requests?customer_name=nobody', 422],
			['partner requests', '/requests?scope=partner', 200],
			['request open', `/requests/${r.open}`, 200],
			['request attention needed', `/requests/${r.attention_needed}`, 200],
			['request closed', `/requests/${r.closed}`, 200],
			['request new', `/requests/${r.none}`, 200],
			['partner request', `/requests/${r.partner}`, 200],
			['request submitted', `/requests/${r.open}?submitted=${r.open}`, 200],
			['new request: service', '/requests/new?customer=1', 200],
			['new request: self-help', '/requests/new?customer=1&service=1', 200],
			['new request: form', '/requests/new?customer=1&service=1&step=form', 200],
			['new request refused', '/requests/new?customer=1&service=1&step=form', 422,
			    { action: '/requests', fill: { title: '', description: '' } }],
			['new partner request', '/requests/new?scope=partner', 200],
			['service health', '/health', 200],
			['service health: resolved', '/health?resolved=yes', 200],
			['service', '/health/1', 200],
			['incident', '/health/incidents/1', 200],
			['new request from an incident', '/requests/new?customer=1&service=1&step=form&incident=1', 200],
			['account', '/account', 200],
			['account refused', '/account', 422, { action: '/account', fill: { name: '' } }],
			['scorecard', '/reports/scorecard', 200],
			['SLA report', '/reports/sla', 200],
			['manage customers', '/admin/customers', 200],
			['manage customer', '/admin/customers/1', 200],
			['customer refused', '/admin/customers/1', 422,
			    { action: '/admin/customers/1', fill: { name: '', tenant_id: 'x' } }],
			['customer import', '/admin/customers/import', 200],
			['customer import refused', '/admin/customers/import', 422,
			    { action: '/admin/customers/import', fill: { csv: 'name,domain\nx,y.example' } }],
			['support profile', '/account/support', 200],
			['support profile refused', '/account/support', 422,
			    { action: '/account/support', fill: { support_email: '', website: 'http://x' } }],
			['password change', '/account/password', 200],
			['password change refused', '/account/password', 422,
			    { action: '/account/password', fill: { current: '', password: '' } }],
			['users', '/account/users', 200],
			['user', '/account/users/3', 200],
			['invitation refused', '/account/users', 422,
			    { action: '/account/users', fill: { email: '', name: '' } }],
			['note refused', `/requests/${r.open}`, 422,
			    { action: `/requests/${r.open}/notes`, fill: { text: '' } }],
			['remediation cases', '/remediation', 200],
			['case proposed', `/remediation/${c.proposed}`, 200],
			['case meeting agreed', `/remediation/${c.meeting_agreed}`, 200],
			['case plan agreed', `/remediation/${c.plan_agreed}`, 200],
			['case closed', `/remediation/${c.closed}`, 200],
			['meeting time refused', `/remediation/${c.proposed}`, 422,
			    { action: `/remediation/${c.proposed}/slots`, fill: { at: '' } }],
			['item done refused', `/remediation/${c.plan_agreed}`, 422,
			    { action: new RegExp(`^/remediation/${c.plan_agreed}/items/\\d+/done$`),
			      fill: { evidence: '' } }],
			['not found', '/requests/999999', 404],
			['forbidden', '/desk', 403],
			['bad query', '/customers?page=0', 400],
		],
		admin_agent: [
			['dashboard', '/dashboard', 200],
			['partner requests', '/requests?scope=partner', 200],
			['request open', `/requests/${r.open}`, 200],
			['account', '/account', 200],
			['forbidden', '/remediation', 403],
		],
		helpdesk_agent: [
			['dashboard', '/dashboard', 200],
			['customer requests', '/requests', 200],
			['request open', `/requests/${r.open}`, 200],
		],
		sales_agent: [
			['dashboard', '/dashboard', 200],
			['customers', '/customers', 200],
			['customer', '/customers/1', 200],
			['account', '/account', 200],
			['forbidden', '/requests', 403],
		],
		support_agent: [
			['dashboard', '/dashboard', 200],
			['desk', '/desk', 200],
			['desk: no partner matches', '/desk?partner_name=nobody', 422],
			['desk severity A', '/desk?severity=A', 200],
			['desk resolutions running', '/desk?target=resolution', 200],
			['customers', '/customers', 200],
			['request open', `/requests/${r.open}`, 200],
			['request attention needed', `/requests/${r.attention_needed}`, 200],
			['request closed', `/requests/${r.closed}`, 200],
			['request new', `/requests/${r.none}`, 200],
			['contact refused', `/requests/${r.open}`, 422,
			    { action: `/requests/${r.open}/contacts`, fill: { summary: '' } }],
			['flag refused', `/requests/${r.open}`, 422,
			    { action: `/requests/${r.open}/flag`, fill: { comment: '' } }],
			['internal note refused', `/requests/${r.attention_needed}`, 422,
			    { action: `/requests/${r.attention_needed}/notes`, fill: { text: '' } }],
			['service health', '/health', 200],
			['incident', '/health/incidents/1', 200],
			['incident update refused', '/health/incidents/1', 422,
			    { action: '/health/incidents/1/updates', fill: { text: '' } }],
			['account', '/account', 200],
			['SLA report', '/reports/sla', 200],
			['SLA report by month, a year', '/reports/sla?by=month&days=365', 200],
			['scorecard', '/reports/scorecard', 200],
			['scorecard of a partner', '/reports/scorecard?partner=1', 200],
			['calendar', '/calendar', 200],
			['remediation cases', '/remediation', 200],
			['case proposed', `/remediation/${c.proposed}`, 200],
			['bad filter', '/desk?severity=Z', 400],
		],
		operator_admin: [
			['dashboard', '/dashboard', 200],
			['remediation cases', '/remediation', 200],
			['new case', '/remediation/new?partner=1', 200],
			['new case refused', '/remediation/new?partner=1', 422,
			    { action: '/remediation', fill: { summary: '' } }],
			['case proposed', `/remediation/${c.proposed}`, 200],
			['case meeting agreed', `/remediation/${c.meeting_agreed}`, 200],
			['case plan agreed', `/remediation/${c.plan_agreed}`, 200],
			['case closed', `/remediation/${c.closed}`, 200],
			['action item refused', `/remediation/${c.meeting_agreed}`, 422,
			    { action: `/remediation/${c.meeting_agreed}/items`, fill: { action: '', owner: '' } }],
			['service health, the feed switch', '/health', 200],
			['new incident', '/health/incidents/new', 200],
			['new incident refused', '/health/incidents/new', 422,
			    { action: '/health/incidents', fill: { title: '', text: '' } }],
			['resolved incident', '/health/incidents/2', 200],
			['audit log', '/reports/audit', 200],
			['system status', '/admin/status', 200],
			['users', '/admin/users', 200],
			['users by email', '/admin/users?q=contoso', 200],
			['partner user', '/admin/users/1', 200],
			['invitation refused', '/admin/users', 422,
			    { action: '/admin/users', fill: { email: '', name: '' } }],
			['calendar', '/calendar', 200],
			['calendar refused', '/calendar', 422, { action: '/calendar', fill: { day: '' } }],
			['partners', '/admin/partners', 200],
			['new partner refused', '/admin/partners', 422,
			    { action: '/admin/partners', fill: { name: '', domain: 'not a domain' } }],
			['partner', '/admin/partners/1', 200],
			['partner customers', '/admin/customers?partner=2', 200],
			['partner refused', '/admin/partners/1', 422,
			    { action: '/admin/partners/1', fill: { support_email: '' } }],
			['catalogue: services', '/admin/services', 200],
			['catalogue: service', '/admin/services/1', 200],
			['catalogue: service refused', '/admin/services', 422,
			    { action: '/admin/services', fill: { name: '', admin_url: 'http://x.example/' } }],
			['catalogue: topics', '/admin/topics?service=1', 200],
			['catalogue: topic', '/admin/topics/11', 200],
			['catalogue: field', '/admin/topics/11/fields/1102', 200],
			['catalogue: field refused', '/admin/topics/11', 422,
			    { action: '/admin/topics/11/fields', fill: { label_en: '', pattern: '[0-9' } }],
			['catalogue: articles', '/admin/articles', 200],
			['catalogue: article refused', '/admin/articles', 422,
			    { action: '/admin/articles', fill: { title: '', url: 'http://x.example/' } }],
			['SLA policy', '/admin/sla', 200],
			['SLA policy: one target', '/admin/sla?target=first_response&severity=C&kind=other', 200],
			['SLA policy: version 1', '/admin/sla/1', 200],
			['SLA policy refused', '/admin/sla?target=first_response&severity=C&kind=other', 422,
			    { action: '/admin/sla', fill: { minutes: '' } }],
		],
	};
}

// Signs in (both steps), or with passwordOnly to the half session that
// waits at /login/totp.
async function signIn(context, base, email, passwordOnly = false) {
	const page = await context.newPage();
	await page.goto(`${base}/login`);
	const form = page.locator('form[action="/login"]');
	await form.locator('[name=email]').fill(email);
	await form.locator('[name=password]').fill(password);
	await Promise.all([page.waitForURL((u) => u.pathname !== '/login'),
	    form.locator('button').first().click()]);
	if (!passwordOnly) await secondStep(page, email);
	else await page.waitForURL((u) => u.pathname === '/login/totp');
	await page.close();
}

// The scripts' way in: a form sent as the API, answered in XML.
async function api(context, base, path, form) {
	const xml = { Accept: 'application/xml' };
	if (!api.csrf.has(context)) {
		const page = await (await context.request.get(`${base}/dashboard`, { headers: xml })).text();
		api.csrf.set(context, /<csrf>([^<]+)<\/csrf>/.exec(page)[1]);
	}
	const resp = await context.request.post(`${base}${path}`, {
	    headers: xml, form: { csrf: api.csrf.get(context), ...form } });
	const text = await resp.text();
	if (resp.status() >= 400) throw new Error(`POST ${path} answered ${resp.status()}`);
	return text;
}
api.csrf = new Map();

function attr(xml, re) {
	const m = re.exec(xml);
	if (!m) throw new Error(`no ${re} in the answer`);
	return m[1];
}

// One remediation case in each state, each citing a request of its own
// that the support agent flagged.
async function setUp(base, ctx) {
	const cases = {};
	const states = ['proposed', 'meeting_agreed', 'plan_agreed', 'closed'];
	for (const state of states) {
		const filed = await api(ctx.admin_agent, base, '/requests', {
		    customer: '1', service: '1', topic: '11', severity: 'C',
		    title: `Page gates: a how-to question (${state})`, description: 'How do I add a mailbox?',
		    contact_name: 'Li Na', contact_email: 'agent@contoso.example' });
		const req = attr(filed, /<request id="(\d+)"/);
		await api(ctx.support_agent, base, `/requests/${req}/flag`,
		    { reason: 'self_help', comment: 'Documented in the admin guide.' });
		let xml = await api(ctx.operator_admin, base, '/remediation',
		    { partner: '1', requests: req, summary: 'How-to questions escalated.' });
		const id = cases[state] = attr(xml, /<case id="(\d+)"/);
		if (state === 'proposed') continue;
		xml = await api(ctx.operator_admin, base, `/remediation/${id}/slots`, { at: '2099-03-02T10:00' });
		const slot = attr(xml, /<slot id="(\d+)"/);
		await api(ctx.global_admin, base, `/remediation/${id}/accept`, { slot });
		if (state === 'meeting_agreed') continue;
		xml = await api(ctx.operator_admin, base, `/remediation/${id}/items`,
		    { action: 'Check self-help first', owner: 'Chen Wei', due: '2099-04-01' });
		await api(ctx.operator_admin, base, `/remediation/${id}/plan`, { text: 'Contoso checks self-help first.' });
		if (state === 'plan_agreed') continue;
		const item = attr(xml, /<item id="(\d+)"/);
		await api(ctx.global_admin, base, `/remediation/${id}/items/${item}/done`, { evidence: 'Done.' });
		await api(ctx.operator_admin, base, `/remediation/${id}/close`, { text: 'Plan completed.' });
	}
	return cases;
}

// Sends back a form of the page with some fields emptied or mistyped;
// the answer is the refused form (or an error page).
async function refuse(page, form) {
	const all = page.locator('form[method=post]');
	let target = null;
	for (let i = 0; i < await all.count(); i++) {
		const action = await all.nth(i).getAttribute('action');
		if (form.action instanceof RegExp ? form.action.test(action) : action === form.action) {
			target = all.nth(i);
			break;
		}
	}
	if (!target) throw new Error(`no form for ${form.action}`);
	for (const [name, value] of Object.entries(form.fill))
		await target.locator(`[name="${name}"]`).first().fill(value);
	await target.evaluate((f) => { f.noValidate = true; });
	const [resp] = await Promise.all([
	    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
	    target.locator('button[type=submit], button:not([type])').last().click()]);
	await page.waitForLoadState();
	return resp;
}

// The widest things in the document when it is wider than the viewport.
async function overflow(page) {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= width) return null;
		const wide = [];
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			if (r.right > width + 1 && wide.length < 3) {
				const name = el.tagName.toLowerCase() + (el.className ? `.${String(el.className).split(' ')[0]}` : '');
				wide.push(`${name} to ${Math.round(r.right)}px`);
			}
		}
		return `${document.documentElement.scrollWidth}px wide (${wide.join(', ')})`;
	});
}

async function axe(page, source) {
	await page.evaluate(source);
	const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
	    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`);
}

// Java runs the checker jar once over all saved pages; its JSON report
// names each file with an error.  Returns the errors by file, or throws
// when the checker cannot run.
function vnu(files) {
	const jar = join(require.resolve('vnu-jar'), '..', 'build/dist/vnu.jar');
	const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--errors-only',
	    '--exit-zero-always', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
	if (run.error) throw new Error(`java: ${run.error.message}`);
	if (run.status !== 0)
		throw new Error(`vnu exits ${run.status}: ${(run.stdout + run.stderr).trim().split('\n')[0]}`);
	let report;
	try {
		report = JSON.parse(run.stderr);
	} catch (e) {
		throw new Error(`vnu's report is not JSON (${e.message})`);
	}
	const errors = new Map();
	for (const m of report.messages) {
		if (m.type !== 'error' && m.subType !== 'fatal' && m.type !== 'non-document-error') continue;
		const file = decodeURIComponent((m.url || '').replace(/^file:/, ''));
		if (!errors.has(file)) errors.set(file, []);
		errors.get(file).push(`line ${m.lastLine}: ${m.message}`);
	}
	return errors;
}

// Chinese text needs a CJK font for Chromium to show it in screenshots.
function cjkFont() {
	let fonts = '';
	try { fonts = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }); } catch { /* below */ }
	if (fonts.trim()) ok(`a CJK font shows the Chinese pages (${fonts.split('\n')[0].split(',')[0]})`);
	else notok('a CJK font shows the Chinese pages (fc-list :lang=zh finds none: install fonts-noto-cjk)');
}

// The pages with charts, kept as pictures in two languages for people to
// look at (build/screenshots, or PD_SCREENSHOTS): the SVG is checked
// above like every page, the pictures show what it looks like.
const shots = new Set(['support_agent SLA report by month, a year',
    'support_agent scorecard of a partner', 'global_admin SLA report',
    'global_admin scorecard', 'global_admin dashboard', 'support_agent dashboard']);
const shotDir = process.env.PD_SCREENSHOTS ||
    fileURLToPath(new URL('../../build/screenshots', import.meta.url));

function slug(s) { return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''); }

// Every page of the tour in every language, each checked three times.
function visits(cases) {
	const all = [];
	for (const [role, pages] of Object.entries(tour(cases)))
		for (const lang of languages)
			for (const [name, path, want, form] of pages)
				all.push({ role, lang, name, path, want, form,
				    what: `${lang} ${role.replace('_', ' ')}: ${name}`,
				    file: `${lang}-${slug(role)}-${slug(name)}.html` });
	return all;
}

// The number of checks checkPages() prints, whatever fails.
export function pagesPlan() { return 1 + 3 * visits({}).length; }

// One visit: the page as the server sent it, saved, and its axe and
// 360 px checks.  Returns the saved file, or null.
async function visit(page, base, dir, work, v, source) {
	let resp;
	try {
		resp = await page.goto(`${base}${v.path}`);
		if (v.form) resp = await refuse(page, v.form);
		if (resp.status() !== v.want) throw new Error(`HTTP ${resp.status()}, wanted ${v.want}`);
		writeFileSync(join(dir, v.file), await resp.body());
	} catch (e) {
		const why = e.message.split('\n')[0];
		for (const check of ['axe', '360px', 'vnu']) notok(`${check}: ${v.what} (the page: ${why})`);
		return null;
	}
	if (v.lang === 'zh' && v.role === 'global_admin' && v.name === 'dashboard')
		await page.screenshot({ path: join(work, 'zh-dashboard.png'), fullPage: true });
	if (shots.has(`${v.role} ${v.name}`) && (v.lang === 'en' || v.lang === 'zh')) {
		mkdirSync(shotDir, { recursive: true });
		await page.screenshot({ path: join(shotDir, v.file.replace(/\.html$/, '.png')), fullPage: true });
	}
	if (!source) {
		notok(`axe: ${v.what} (axe-core is not installed)`);
	} else {
		const bad = await axe(page, source);
		if (bad.length) notok(`axe: ${v.what}: ${bad.join('; ')}`);
		else ok(`axe: ${v.what}: no serious or critical violation`);
	}
	await page.setViewportSize(narrow);
	const wider = await overflow(page);
	await page.setViewportSize(wide);
	if (wider) notok(`360px: ${v.what}: the page is ${wider}`);
	else ok(`360px: ${v.what}: no sideways scrolling`);
	return join(dir, v.file);
}

export async function checkPages(browser, base, work) {
	const dir = join(work, 'pages');
	mkdirSync(dir, { recursive: true });
	let source = null;
	try {
		source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
	} catch { /* each page says so */ }
	cjkFont();

	const ctx = {};
	let cases;
	try {
		for (const [role, email] of Object.entries(users)) {
			ctx[role] = await browser.newContext({ viewport: wide, timezoneId: 'Asia/Shanghai' });
			await signIn(ctx[role], base, email);
		}
		ctx.half = await browser.newContext({ viewport: wide });
		await signIn(ctx.half, base, users.operator_admin, true);
		ctx.signed_out = await browser.newContext({ viewport: wide });
		cases = await setUp(base, ctx);
	} catch (e) {
		const why = `setting up: ${e.message.split('\n')[0]}`;
		for (const v of visits({})) for (const check of ['axe', '360px', 'vnu']) notok(`${check}: ${v.what} (${why})`);
		return;
	}

	const all = visits(cases), saved = new Map();
	const pages = {};
	for (const v of all) {
		if (!pages[v.role]) {
			pages[v.role] = await ctx[v.role].newPage();
			pages[v.role].setDefaultTimeout(8000);
		}
		await ctx[v.role].setExtraHTTPHeaders({ 'Accept-Language': v.lang });
		const file = await visit(pages[v.role], base, dir, work, v, source);
		if (file) saved.set(v, file);
	}
	for (const c of Object.values(ctx)) await c.close();
	console.log(`# ${saved.size} pages saved in ${dir}`);

	let errors;
	try {
		errors = vnu([...saved.values()]);
	} catch (e) {
		for (const v of saved.keys()) notok(`vnu: ${v.what} (the Nu HTML Checker: ${e.message})`);
		return;
	}
	for (const [v, file] of saved) {
		const e = errors.get(file);
		if (e) notok(`vnu: ${v.what}: ${e.length} HTML errors (${e.slice(0, 3).join(' | ')})`);
		else ok(`vnu: ${v.what}: no HTML errors`);
	}
}

// Run alone (tests/run-one tests/browser/pages.mjs) while working on a page.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	console.log(`1..${pagesPlan()}`);
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({
	    executablePath: process.env.PD_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
	await checkPages(browser, process.env.PD_TEST_BASE, process.env.PD_TEST_WORK);
	await browser.close();
}
