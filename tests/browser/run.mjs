// The partner's flow of docs/product.md in a real Chromium, as a person would
// walk it: sign in, find the customer, file a request through the
// self-help hand-off, fix a form error, then an operator answers on the
// desk, and the partner reads the answer, replies, closes and reopens.
// Then the operator's side: take a severity A request, log a contact,
// flag another request, and a remediation case from opening to closing.
// The operator admin onboards a partner and its first customer by
// clicking.  A sales agent's menu and a forbidden page; script markup in a
// name and a note, shown as text without a script run or a CSP violation;
// then the quality gates
// over every page type (pages.mjs).
//
// Prints its plan "1..N" (PLAN: every step and check below), then
// "ok - browser: …" / "not ok - browser: …" per step (tests/run counts
// them against the plan) and exits 0 whatever failed; exits 1 only when
// the browser cannot start.  A failed step leaves a screenshot and the HTML
// in $PD_TEST_WORK.  Elements are found by role, label, text and form
// field name (the pages' contract), never by CSS class.
import { createRequire } from 'node:module';
import { checkPages, pagesPlan } from './pages.mjs';
import { secondStep } from './totp.mjs';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const base = process.env.PD_TEST_BASE || 'http://127.0.0.1:8080';
const work = process.env.PD_TEST_WORK || tmpdir();
const top = process.env.PD_TOP || fileURLToPath(new URL('../..', import.meta.url));
// The npm packages are outside the tree (make test-deps: PD_NODE_DIR).
const nodeDir = process.env.PD_NODE_DIR || join(top, 'build/browser');
const { chromium } = createRequire(join(nodeDir, 'package.json'))('playwright-core');
const password = 'demo-password';
const stamp = Date.now().toString(36);

function ok(name) { console.log(`ok - browser: ${name}`); }
function notok(name) { console.log(`not ok - browser: ${name}`); }

// English texts the pages show, from the message catalogues (so a
// changed wording does not break the run), else docs/product.md's words.
function messages() {
	const m = {};
	const dir = join(top, 'xslt/messages');
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.xml'))) {
		const xml = readFileSync(join(dir, file), 'utf8');
		for (const [, k, body] of xml.matchAll(/<msg\s+k="([^"]+)"[^>]*>([\s\S]*?)<\/msg>/g)) {
			const en = /<en>([\s\S]*?)<\/en>/.exec(body);
			if (en) m[k] = en[1].trim().replace(/&apos;/g, "'").replace(/&amp;/g, '&');
		}
	}
	return m;
}
const catalogue = messages();

class Failure extends Error {}
function expect(cond, what) { if (!cond) throw new Failure(what); }

// A chain of steps that build on each other: after a failure the rest
// are reported as not ok (skipped), so the count stays the same.
class Chain {
	constructor(name) { this.name = name; this.broken = null; this.page = null; }
	async step(name, fn) {
		if (this.broken) {
			notok(`${name} (skipped: "${this.broken}" failed)`);
			return false;
		}
		try {
			await fn();
			ok(name);
			return true;
		} catch (e) {
			const msg = (e instanceof Failure ? e.message : e.message.split('\n')[0]);
			notok(`${name}: ${msg}${this.page ? ` (at ${this.page.url()})` : ''}`);
			await this.evidence(name);
			this.broken = name;
			return false;
		}
	}
	async evidence(name) {
		if (!this.page) return;
		const slug = `${this.name}-${name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 80);
		try {
			await this.page.screenshot({ path: join(work, `browser-${slug}.png`), fullPage: true });
			writeFileSync(join(work, `browser-${slug}.html`), await this.page.content());
			console.log(`# screenshot: ${join(work, `browser-${slug}.png`)}`);
		} catch { /* the page may be gone */ }
	}
}

// Console errors and CSP violations seen on the way, per context.
const consoleErrors = [];
function watch(page, who) {
	page.on('console', (m) => {
		// A refused form (422) or a forbidden page (403) is part of the
		// run; Chromium logs their status as an error, which is not one.
		if (m.type() === 'error' && !/status of (403|422)\b/.test(m.text()))
			consoleErrors.push(`${who} ${page.url()}: ${m.text()}`);
	});
	page.on('pageerror', (e) => consoleErrors.push(`${who} ${page.url()}: ${e.message}`));
}

async function newPage(browser, who) {
	const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
	const page = await context.newPage();
	page.setDefaultTimeout(8000);
	page.setDefaultNavigationTimeout(15000);
	watch(page, who);
	return page;
}

/*
 * Clicks a form's button and waits for the page it leads to: also when
 * that is the page's own URL again (waitForURL would return at once).
 */
async function clickToPage(page, button) {
	await Promise.all([page.waitForEvent('framenavigated', (f) => f === page.mainFrame()),
	    button.click()]);
	await page.waitForLoadState();
}

function path(page) { const u = new URL(page.url()); return u.pathname + u.search; }

async function signIn(page, email) {
	const resp = await page.goto(`${base}/login`);
	expect(resp && resp.status() === 200, `GET /login answered ${resp && resp.status()}`);
	const form = page.locator('form').filter({ has: page.locator('[name=password]') });
	await form.locator('[name=email]').fill(email);
	await form.locator('[name=password]').fill(password);
	await Promise.all([
		page.waitForURL((u) => u.pathname !== '/login'),
		form.getByRole('button').first().click(),
	]);
	await secondStep(page, email);
	expect(new URL(page.url()).pathname === '/dashboard',
	    `signed in to ${path(page)}, not /dashboard`);
}

// The main menu: the page's navigation landmark.
function menu(page) { return page.getByRole('navigation').first(); }

async function menuLinks(page) {
	return (await menu(page).getByRole('link').allInnerTexts()).map((s) => s.trim());
}

// Picks a value of a form field, whatever control the page uses for it:
// a select, radio buttons, or links carrying the field in their URL.
async function choose(scope, name, value, label) {
	const field = scope.locator(`[name="${name}"]`);
	if (await field.count() > 0) {
		const tag = await field.first().evaluate((e) => e.tagName.toLowerCase());
		if (tag === 'select') {
			await field.first().selectOption(String(value));
			return;
		}
		const radio = scope.locator(`[name="${name}"][value="${value}"]`);
		if (await radio.count() > 0) {
			await radio.first().check();
			return;
		}
	}
	if (label) {
		const link = scope.getByRole('link', { name: label }).first();
		if (await link.count() > 0) {
			const page = typeof scope.page === 'function' ? scope.page() : scope;
			const before = page.url();
			await Promise.all([page.waitForURL((u) => u.href !== before), link.click()]);
			return 'navigated';
		}
		await scope.getByLabel(label).first().check();
		return;
	}
	throw new Failure(`no control for ${name}=${value}`);
}

// The value a field shows now (selected option or checked radio).
async function valueOf(scope, name) {
	const field = scope.locator(`[name="${name}"]`);
	if (await field.count() === 0) return null;
	const tag = await field.first().evaluate((e) => `${e.tagName.toLowerCase()}:${e.type || ''}`);
	if (tag.endsWith(':radio') || tag.endsWith(':checkbox')) {
		const checked = scope.locator(`[name="${name}"]:checked`);
		return await checked.count() ? checked.first().inputValue() : '';
	}
	return field.first().inputValue();
}

// The text right around a field: its wrapper up to, not including, the
// next field.  An error "beside the field" is in there.
async function besideField(scope, name) {
	return scope.locator(`[name="${name}"]`).first().evaluate((el) => {
		const fields = 'input:not([type=hidden]),select,textarea';
		let box = el;
		while (box.parentElement && box.parentElement.tagName !== 'FORM' &&
		    box.parentElement.querySelectorAll(fields).length <= (el.type === 'radio' ? 9 : 1))
			box = box.parentElement;
		const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
		const described = ids.map((id) => document.getElementById(id)?.textContent || '').join(' ');
		let next = box.nextElementSibling, after = '';
		if (next && !next.matches(fields) && next.querySelectorAll(fields).length === 0)
			after = next.textContent;
		return `${box.textContent} ${described} ${after}`.replace(/\s+/g, ' ');
	});
}

const PLAN = 56 + pagesPlan();

async function main() {
	console.log(`1..${PLAN}`);
	let browser;
	try {
		browser = await chromium.launch({
			executablePath: process.env.PD_CHROMIUM || '/usr/bin/chromium',
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
			    '--disable-component-update', '--disable-sync', '--no-first-run',
			    '--disable-quic'],
		});
	} catch (e) {
		notok(`browser starts: ${e.message.split('\n')[0]}`);
		process.exit(1);
	}
	ok('browser starts');

	const title = `Browser test ${stamp}: mail to external domains is delayed`;
	const description = 'Since this morning mail from northwind.example to outside domains ' +
	    'waits up to an hour in the queue.';
	const operatorNote = 'We are looking into it';
	const partnerNote = `Thanks, the customer confirms the delay (${stamp}).`;
	let requestId = null;

	// --- the partner
	const partner = new Chain('partner');
	const p = partner.page = await newPage(browser, 'partner');

	await partner.step('agent@contoso.example signs in through the form', async () => {
		await signIn(p, 'agent@contoso.example');
	});
	await partner.step('the dashboard shows the menu', async () => {
		const links = await menuLinks(p);
		for (const want of ['Customers', 'Customer requests', 'Partner requests',
		    'Service health', 'Account settings'])
			expect(links.some((l) => l === want || l.startsWith(want)),
			    `no "${want}" in the menu (${links.join(', ')})`);
		expect(await menu(p).getByText(catalogue['nav.support'] || 'Support requests').count() > 0,
		    'no "Support requests" group in the menu');
	});
	await partner.step('Support requests ▸ Customer requests', async () => {
		await Promise.all([p.waitForURL(/\/requests/),
		    menu(p).getByRole('link', { name: 'Customer requests' }).click()]);
		expect(new URL(p.url()).pathname === '/requests', `at ${path(p)}`);
		expect(await p.getByRole('link', { name: /Northwind Traders/ }).count() > 0,
		    'the list shows no Northwind Traders request');
	});
	await partner.step('filter the list by typing a customer\'s name', async () => {
		const filters = p.locator('form.filters');
		await filters.locator('[name=customer_name]').fill('northwind');
		await Promise.all([p.waitForURL(/customer_name=/),
		    filters.getByRole('button', { name: catalogue['requests.filter'] || 'Filter' }).click()]);
		expect(await valueOf(filters, 'customer_name') === 'Northwind Traders',
		    `the field shows "${await valueOf(filters, 'customer_name')}", not the customer chosen`);
		const customers = await p.locator('table.list tbody td:nth-child(3)').allInnerTexts();
		expect(customers.length > 0 && customers.every((c) => c.trim() === 'Northwind Traders'),
		    `the list is not Northwind Traders' requests (${[...new Set(customers)].join(', ')})`);
	});
	await partner.step('search the customer "north" in the search box', async () => {
		const search = p.locator('form[action="/customers"]');
		await search.locator('[name=q]').fill('north');
		await Promise.all([p.waitForURL(/\/customers\?/), search.locator('[name=q]').press('Enter')]);
		expect(path(p) === '/customers?q=north', `at ${path(p)}`);
		const found = p.getByRole('link', { name: 'Northwind Traders', exact: true });
		expect(await found.count() === 1, 'Northwind Traders is not in the results');
		expect(await p.getByText('Northern Lights Energy').count() > 0,
		    'Northern Lights Energy is not in the results');
	});
	await partner.step('pick Northwind Traders', async () => {
		await Promise.all([p.waitForURL(/\/customers\/1$/),
		    p.getByRole('link', { name: 'Northwind Traders', exact: true }).click()]);
		expect(await p.getByRole('heading', { name: /Northwind Traders/ }).count() > 0,
		    'no heading names the customer');
		expect(await p.getByText('Exchange Online').count() > 0, 'the customer\'s services are not listed');
	});
	await partner.step('New request', async () => {
		await Promise.all([p.waitForURL(/\/requests\/new/),
		    p.getByRole('link', { name: catalogue['customer.new_request'] || /New request/i }).first().click()]);
		expect(new URL(p.url()).searchParams.get('customer') === '1',
		    `the new request is not for customer 1 (${path(p)})`);
	});
	await partner.step('pick Exchange Online', async () => {
		const before = p.url();
		const how = await choose(p, 'service', 1, 'Exchange Online');
		if (how !== 'navigated') {
			const form = p.locator('form').filter({ has: p.locator('[name=service]') });
			await Promise.all([p.waitForURL((u) => u.href !== before),
			    form.getByRole('button').first().click()]);
		}
		expect(new URL(p.url()).searchParams.get('service') === '1' ||
		    await p.getByText('Exchange Online').count() > 0, `at ${path(p)}`);
	});
	await partner.step('the hand-off shows the admin-center link and articles', async () => {
		const admin = p.locator('a[href^="https://portal.partner.microsoftonline.cn/"]');
		expect(await admin.count() > 0, 'no link into the customer\'s admin center');
		const href = await admin.first().getAttribute('href');
		expect(href.includes('tenantId=2fc0f351-a301-5cc6-8e34-276f77263cf3'),
		    `the admin-center link is not Northwind's: ${href}`);
		expect(await p.getByRole('link', { name: /Administer/i }).count() > 0 ||
		    /Administer/i.test(await admin.first().innerText()), 'no "Administer" link');
		expect(await p.getByRole('link', { name: 'Mail flow best practices for Exchange Online' }).count() > 0,
		    'the recommended articles are missing');
		expect(await p.getByText('Mail delivery delays in China East').count() > 0,
		    'the active incident on Exchange Online is missing');
	});
	await partner.step('choose Submit a service request', async () => {
		const go = p.getByRole('link', { name: /Submit a service request/i })
		    .or(p.getByRole('button', { name: /Submit a service request/i }));
		const before = p.url();
		await Promise.all([p.waitForURL((u) => u.href !== before), go.first().click()]);
		expect(await p.locator('[name=title]').count() === 1, 'no title field on the form');
	});

	const form = p.locator('form').filter({ has: p.locator('[name=title]') });
	await partner.step('the form prefills the partner\'s contact', async () => {
		expect(await valueOf(form, 'contact_name') === 'Li Na',
		    `contact_name is "${await valueOf(form, 'contact_name')}"`);
		expect(await valueOf(form, 'contact_email') === 'agent@contoso.example',
		    `contact_email is "${await valueOf(form, 'contact_email')}"`);
		expect(await valueOf(form, 'contact_phone') === '+86 10 5555 0102',
		    `contact_phone is "${await valueOf(form, 'contact_phone')}"`);
	});
	await partner.step('submit with an empty title: the error beside the title, values kept', async () => {
		await choose(form, 'topic', 11, 'Mail flow and delivery');
		await choose(form, 'severity', 'B');
		await form.locator('[name=description]').fill(description);
		await form.locator('[name=contact_phone]').fill('+86 10 5555 0199');
		await form.locator('[name=title]').fill('');
		// The browser would stop at required="required"; the server must too.
		await form.evaluate((f) => { f.noValidate = true; });
		const submit = form.getByRole('button', { name: /Submit/i }).last();
		const [resp] = await Promise.all([
		    p.waitForResponse((r) => r.request().method() === 'POST'), submit.click()]);
		await p.waitForLoadState();
		expect(resp.status() === 422, `the POST answered ${resp.status()}, not 422`);
		const required = catalogue['error.required'] || 'required';
		const beside = await besideField(form, 'title');
		expect(beside.toLowerCase().includes(required.toLowerCase()),
		    `no "${required}" beside the title field ("${beside.slice(0, 200)}")`);
		expect(await form.locator('[name=title]').inputValue() === '', 'the title is not empty');
		expect(await valueOf(form, 'description') === description, 'the description was lost');
		expect(await valueOf(form, 'severity') === 'B', `severity is "${await valueOf(form, 'severity')}"`);
		expect(await valueOf(form, 'topic') === '11', `topic is "${await valueOf(form, 'topic')}"`);
		expect(await valueOf(form, 'contact_phone') === '+86 10 5555 0199', 'the typed phone was lost');
	});
	await partner.step('submit it properly: the confirmation with the request id', async () => {
		await form.locator('[name=title]').fill(title);
		await form.evaluate((f) => { f.noValidate = false; });
		const submit = form.getByRole('button', { name: /Submit/i }).last();
		await Promise.all([p.waitForURL(/\/requests\/\d+/), submit.click()]);
		requestId = /\/requests\/(\d+)/.exec(p.url())[1];
		const confirm = catalogue['request.contact_you'] || 'A support representative will contact you directly';
		expect(await p.getByText(confirm).count() > 0, `no "${confirm}"`);
		expect(await p.getByText(requestId, { exact: true }).count() > 0 ||
		    (await p.locator('body').innerText()).includes(`#${requestId}`),
		    `the page does not show the id ${requestId}`);
		expect(await p.getByRole('heading', { name: new RegExp(stamp) }).count() > 0 ||
		    (await p.locator('body').innerText()).includes(title), 'the title is not shown');
	});

	// --- the operator answers on the desk
	const operator = new Chain('operator');
	const o = operator.page = await newPage(browser, 'operator');
	await operator.step('support@operator.example signs in (a second browser)', async () => {
		await signIn(o, 'support@operator.example');
	});
	if (!requestId && !operator.broken) operator.broken = 'submit it properly';
	await operator.step('the desk lists the new request', async () => {
		const resp = await o.goto(`${base}/desk`);
		expect(resp.status() === 200, `/desk answered ${resp.status()}`);
		const row = o.locator(`a[href="/requests/${requestId}"]`);
		expect(await row.count() > 0, `no link to /requests/${requestId} on the desk`);
	});
	await operator.step('open it from the desk', async () => {
		await Promise.all([o.waitForURL(new RegExp(`/requests/${requestId}$`)),
		    o.locator(`a[href="/requests/${requestId}"]`).first().click()]);
		expect((await o.locator('body').innerText()).includes(title), 'the title is not shown');
	});
	await operator.step('add a public note "We are looking into it"', async () => {
		const note = o.locator(`form[action="/requests/${requestId}/notes"]`);
		await note.locator('[name=text]').fill(operatorNote);
		await note.locator('[name=visibility][value=public]').check();
		await Promise.all([o.waitForLoadState('load'), o.waitForURL(/\/requests\/\d+/),
		    note.locator('button[type=submit]').click()]);
		await o.waitForLoadState();
		expect(await o.getByText(operatorNote).count() > 0, 'the note is not in the timeline');
	});

	// --- the partner reads, replies, closes, reopens
	const back = new Chain('partner');
	back.page = p;
	if (partner.broken || operator.broken) back.broken = partner.broken || operator.broken;
	await back.step('the partner reloads the request: the operator\'s note appears', async () => {
		const resp = await p.goto(`${base}/requests/${requestId}`);
		expect(resp.status() === 200, `answered ${resp.status()}`);
		expect(await p.getByText(operatorNote).count() > 0, 'the operator\'s note is not shown');
		expect(await p.getByText(/INTERNAL:/).count() === 0, 'an internal note is shown to the partner');
		expect(await p.locator('[name=visibility]').count() === 0,
		    'the partner is offered internal notes');
	});
	await back.step('the partner adds a note with a file', async () => {
		const note = p.locator(`form[action="/requests/${requestId}/notes"]`);
		await note.locator('[name=text]').fill(partnerNote);
		await note.locator('[name=file]').setInputFiles({ name: 'queue.log',
		    mimeType: 'text/plain', buffer: Buffer.from('09:00 queued 1200\n') });
		await Promise.all([p.waitForURL(new RegExp(`/requests/${requestId}`)),
		    p.waitForResponse((r) => r.request().method() === 'POST'),
		    note.locator('button[type=submit]').click()]);
		await p.waitForLoadState();
		expect(await p.getByText(partnerNote).count() > 0, 'the note is not in the timeline');
		const link = p.getByRole('link', { name: 'queue.log' });
		expect(await link.count() === 1, 'the file is not listed with the note');
		const [download] = await Promise.all([p.waitForEvent('download'), link.click()]);
		expect(download.suggestedFilename() === 'queue.log',
		    `the file downloads as ${download.suggestedFilename()}`);
	});
	await back.step('the partner closes the request', async () => {
		const close = p.locator(`form[action="/requests/${requestId}/close"]`);
		await close.locator('[name=text]').fill('Solved by the customer after the incident ended.');
		await Promise.all([p.waitForResponse((r) => r.request().method() === 'POST'),
		    close.getByRole('button').first().click()]);
		await p.waitForLoadState();
		expect(await p.locator(`form[action="/requests/${requestId}/reopen"]`).count() === 1,
		    'no reopen form after closing');
		expect(await p.locator(`form[action="/requests/${requestId}/notes"]`).count() === 0,
		    'a closed request still takes notes');
		const closed = catalogue['status.closed'] || 'Closed';
		expect(await p.getByText(closed, { exact: true }).count() > 0, `no "${closed}" status`);
	});
	await back.step('the partner reopens it', async () => {
		const reopen = p.locator(`form[action="/requests/${requestId}/reopen"]`);
		await Promise.all([p.waitForResponse((r) => r.request().method() === 'POST'),
		    reopen.getByRole('button').first().click()]);
		await p.waitForLoadState();
		expect(await p.locator(`form[action="/requests/${requestId}/notes"]`).count() === 1,
		    'no note form after reopening');
		const open = catalogue['status.open'] || 'Open';
		expect(await p.getByText(open, { exact: true }).count() > 0, `no "${open}" status`);
	});

	// --- the operator's desk: take a severity A request, log a contact,
	// flag another; the operator admin opens a remediation case and the
	// partner's global admin agrees a meeting and completes the plan.
	const desk = new Chain('desk');
	desk.page = o;
	if (operator.broken) desk.broken = operator.broken;
	let urgentId = null, flaggedId = null, caseId = null;
	await desk.step('the partner files a severity A and a how-to request (API, as setup)', async () => {
		const xml = { Accept: 'application/xml' };
		const csrf = /<csrf>([^<]+)<\/csrf>/.exec(await (await p.request.get(`${base}/dashboard`, { headers: xml })).text())[1];
		const file = async (severity, what) => {
			const resp = await p.request.post(`${base}/requests`, { headers: xml, form: {
			    csrf, customer: '1', service: '1', topic: '11', severity,
			    title: `Browser desk ${stamp}: ${what}`, description: what,
			    contact_name: 'Li Na', contact_email: 'agent@contoso.example' } });
			expect(resp.status() === 201, `POST /requests answered ${resp.status()}`);
			return /<request id="(\d+)"/.exec(await resp.text())[1];
		};
		urgentId = await file('A', 'all mailboxes are down');
		flaggedId = await file('C', 'how do I add a mailbox');
	});
	await desk.step('the operator filters the desk to severity A and takes the request', async () => {
		await o.goto(`${base}/desk?severity=A`);
		const take = o.locator(`form[action="/desk/take/${urgentId}"]`);
		expect(await take.count() === 1, `no Take button for #${urgentId}`);
		await Promise.all([o.waitForLoadState('load'), take.getByRole('button').click()]);
		await o.goto(`${base}/desk?severity=A`);
		expect(await o.locator(`form[action="/desk/take/${urgentId}"]`).count() === 0,
		    'the request can still be taken');
		const row = o.locator('tr').filter({ has: o.locator(`a[href="/requests/${urgentId}"]`) });
		expect((await row.innerText()).includes('Operator Support'), 'the row does not show the assignee');
	});
	const contactText = `Called Li Na, the tenant's MX record was changed (${stamp}).`;
	await desk.step('open it and log a phone contact', async () => {
		await o.goto(`${base}/requests/${urgentId}`);
		const form = o.locator(`form[action="/requests/${urgentId}/contacts"]`);
		await form.locator('[name=method]').selectOption('phone');
		await form.locator('[name=summary]').fill(contactText);
		await form.locator('[name=visibility]').check();
		await Promise.all([o.waitForURL(new RegExp(`/requests/${urgentId}$`)), form.getByRole('button').click()]);
		expect(await o.getByText(contactText).count() > 0, 'the contact is not in the timeline');
	});
	const flagComment = `Adding a mailbox is in the admin guide (${stamp}).`;
	await desk.step('flag the how-to request as an inappropriate escalation', async () => {
		await o.goto(`${base}/requests/${flaggedId}`);
		const form = o.locator(`form[action="/requests/${flaggedId}/flag"]`);
		await form.locator('[name=reason]').selectOption('self_help');
		await form.locator('[name=comment]').fill(flagComment);
		await Promise.all([o.waitForURL(new RegExp(`/requests/${flaggedId}$`)), form.getByRole('button').click()]);
		expect(await o.getByText(flagComment).count() > 0, 'the flag comment is not shown');
	});

	const oa = await newPage(browser, 'operator-admin');
	const pa = await newPage(browser, 'partner-admin');
	await desk.step('admin@operator.example opens a remediation case for Contoso', async () => {
		desk.page = oa;
		await signIn(oa, 'admin@operator.example');
		await Promise.all([oa.waitForURL(/\/remediation$/),
		    menu(oa).getByRole('link', { name: catalogue['nav.remediation'] }).click()]);
		await oa.locator('select[name=partner]').selectOption('1');  // Contoso Reseller
		await Promise.all([oa.waitForURL(/\/remediation\/new\?partner=1$/),
		    oa.getByRole('button', { name: catalogue['rem.new'] }).click()]);
		const cited = await oa.locator('[name=requests]').inputValue();
		expect(cited.split(/[ ,]+/).includes(flaggedId), `#${flaggedId} is not cited (${cited})`);
		await oa.locator('[name=summary]').fill('Requests that the admin guide answers.');
		await Promise.all([oa.waitForURL(/\/remediation\/\d+$/),
		    oa.getByRole('button', { name: catalogue['rem.new'] }).click()]);
		caseId = /\/remediation\/(\d+)$/.exec(oa.url())[1];
		expect(await oa.getByText(catalogue['rem.state.proposed']).count() > 0, 'the case is not at its first step');
	});
	await desk.step('the operator admin proposes a meeting time', async () => {
		const form = oa.locator(`form[action="/remediation/${caseId}/slots"]`);
		await form.locator('[name=at]').fill('2099-03-02T10:00');
		await Promise.all([oa.waitForURL(new RegExp(`/remediation/${caseId}$`)), form.getByRole('button').click()]);
		expect(await oa.getByText('2099-03-02 10:00').count() > 0, 'the proposed time is not listed');
	});
	await desk.step('admin@contoso.example sees the case on the dashboard and accepts the time', async () => {
		desk.page = pa;
		await signIn(pa, 'admin@contoso.example');
		await Promise.all([pa.waitForURL(new RegExp(`/remediation/${caseId}$`)),
		    pa.locator(`a[href="/remediation/${caseId}"]`).first().click()]);
		expect(await pa.getByText(flaggedId).count() > 0 ||
		    (await pa.locator('body').innerText()).includes(`#${flaggedId}`), 'the cited request is not shown');
		await Promise.all([pa.waitForURL(new RegExp(`/remediation/${caseId}$`)),
		    pa.getByRole('button', { name: catalogue['rem.accept'] }).click()]);
		expect(await pa.getByText(catalogue['rem.state.meeting_agreed']).count() > 0, 'the meeting is not agreed');
	});
	const action = `Train the helpdesk on the admin guide (${stamp})`;
	await desk.step('the operator admin records the plan with an action item', async () => {
		desk.page = oa;
		await oa.reload();
		const item = oa.locator(`form[action="/remediation/${caseId}/items"]`);
		await item.locator('[name=action]').fill(action);
		await item.locator('[name=owner]').fill('Chen Wei');
		await item.locator('[name=due]').fill('2099-04-01');
		await clickToPage(oa, item.getByRole('button'));
		expect(await oa.getByText(action).count() > 0, 'the item is not listed');
		const plan = oa.locator(`form[action="/remediation/${caseId}/plan"]`);
		await plan.locator('[name=text]').fill('Contoso trains its helpdesk.');
		await clickToPage(oa, plan.getByRole('button'));
		expect(await oa.getByText(catalogue['rem.state.plan_agreed']).count() > 0, 'the plan is not agreed');
	});
	await desk.step('the partner admin marks the item done with evidence', async () => {
		desk.page = pa;
		await pa.reload();
		const form = pa.locator('form').filter({ has: pa.locator('[name=evidence]') });
		await form.locator('[name=evidence]').fill('Training held, 12 attendees.');
		await clickToPage(pa, form.getByRole('button'));
		expect(await pa.getByText('Training held, 12 attendees.').count() > 0, 'the evidence is not shown');
		expect(await pa.locator('[name=evidence]').count() === 0, 'the item can still be marked done');
	});
	await desk.step('the operator admin closes the case', async () => {
		desk.page = oa;
		await oa.reload();
		const form = oa.locator(`form[action="/remediation/${caseId}/close"]`);
		await form.locator('[name=text]').fill('Plan completed.');
		await Promise.all([oa.waitForURL(new RegExp(`/remediation/${caseId}$`)), form.getByRole('button').click()]);
		expect(await oa.getByText(catalogue['rem.state.closed'], { exact: true }).count() > 0, 'the case is not closed');
	});

	// --- the operator admin onboards a partner and its first customer
	const onboard = new Chain('onboard');
	const ob = onboard.page = await newPage(browser, 'onboard');
	const litware = `Litware Partners ${stamp}`, domain = `${stamp}.litware.example`;
	// A form sent back by the server (the browser's own checks off).
	async function send(form, button) {
		await form.evaluate((f) => { f.noValidate = true; });
		await Promise.all([
		    ob.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
		    form.getByRole('button', { name: button }).click()]);
		await ob.waitForLoadState();
	}
	await onboard.step('the operator admin opens Administration ▸ Partners from the menu', async () => {
		await signIn(ob, 'admin@operator.example');
		await Promise.all([ob.waitForURL((u) => u.pathname === '/admin/partners'),
		    menu(ob).getByRole('link', { name: catalogue['nav.partners'], exact: true }).click()]);
	});
	await onboard.step('a new partner without a domain comes back, the error beside the field', async () => {
		const form = ob.locator('form[action="/admin/partners"]');
		await form.getByLabel(catalogue['field.name'], { exact: true }).fill(litware);
		await form.getByLabel(catalogue['field.support_email'], { exact: true }).fill(`support@${domain}`);
		await send(form, catalogue['tenants.create_partner']);
		expect((await besideField(ob, 'domain')).includes(catalogue['error.required']),
		    'no "required" beside the domain');
		expect(await valueOf(ob.locator('form[action="/admin/partners"]'), 'name') === litware,
		    'the name typed is lost');
	});
	await onboard.step('… and with its domain the partner is created', async () => {
		const form = ob.locator('form[action="/admin/partners"]');
		await form.getByLabel(catalogue['field.domain'], { exact: true }).fill(domain);
		await send(form, catalogue['tenants.create_partner']);
		expect(/^\/admin\/partners\/\d+$/.test(new URL(ob.url()).pathname), `at ${path(ob)}`);
		expect(await ob.getByRole('heading', { name: litware }).count() > 0, 'no heading naming it');
	});
	await onboard.step('… then its first customer is added from its page', async () => {
		await Promise.all([ob.waitForURL((u) => u.pathname === '/admin/customers'),
		    ob.getByRole('link', { name: catalogue['tenants.manage_customers'] }).click()]);
		const form = ob.locator('form[action="/admin/customers"]');
		await form.getByLabel(catalogue['field.name'], { exact: true }).fill('Litware Pharmacy');
		await form.getByLabel(catalogue['field.domain'], { exact: true }).fill(`pharmacy.${domain}`);
		await form.getByLabel(catalogue['field.tenant_id'], { exact: true })
		    .fill(`00000000-0000-4000-8000-${Date.now().toString(16).padStart(12, '0').slice(-12)}`);
		await send(form, catalogue['tenants.create_customer']);
		expect(/^\/admin\/customers\/\d+$/.test(new URL(ob.url()).pathname), `at ${path(ob)}`);
		expect(await ob.getByRole('heading', { name: 'Litware Pharmacy' }).count() > 0, 'no heading naming it');
	});

	// --- an incident: the operator admin posts it, the partner files
	// from the hand-off, the operator admin resolves it.
	const incident = new Chain('incident');
	const ia = incident.page = await newPage(browser, 'incident');
	const incidentTitle = `Browser incident ${stamp}: VMs unreachable`;
	let incidentId = null, linkedId = null;
	if (partner.broken) incident.broken = partner.broken;
	await incident.step('the operator admin posts an incident on Azure Virtual Machines', async () => {
		await signIn(ia, 'admin@operator.example');
		await ia.goto(`${base}/health/incidents/new`);
		const form = ia.locator('form[action="/health/incidents"]');
		await form.locator('#service-5').check();
		await form.locator('[name=title]').fill(incidentTitle);
		await choose(form, 'status', 'critical');
		await form.locator('[name=text]').fill('Engineers are investigating.');
		await Promise.all([ia.waitForURL(/\/health\/incidents\/\d+$/), form.getByRole('button').last().click()]);
		incidentId = /\/health\/incidents\/(\d+)/.exec(ia.url())[1];
		expect(await ia.getByRole('heading', { name: incidentTitle }).count() > 0, 'the incident page has no heading');
	});
	await incident.step('the hand-off shows it first, with "This is our problem"', async () => {
		incident.page = p;
		await p.goto(`${base}/requests/new?customer=1&service=5`);
		const item = p.locator('section.health li').filter({ hasText: incidentTitle });
		expect(await item.count() === 1, 'the incident is not on the hand-off');
		const sections = await p.locator('main section').evaluateAll((all) => all.map((e) => e.className));
		expect(sections[0] === 'health', `the first section is "${sections[0]}"`);
		await Promise.all([p.waitForURL(/step=form/),
		    item.getByRole('link', { name: catalogue['newrequest.our_problem'] }).click()]);
		expect(await valueOf(p.locator('form.request-form'), 'title') === incidentTitle,
		    'the title is not prefilled from the incident');
	});
	await incident.step('the partner files the request from it', async () => {
		const form = p.locator('form.request-form');
		await choose(form, 'topic', 51, 'VM cannot start or is unreachable');
		await choose(form, 'severity', 'B');
		await Promise.all([p.waitForURL(/\/requests\/\d+/),
		    form.getByRole('button', { name: /Submit/i }).last().click()]);
		linkedId = /\/requests\/(\d+)/.exec(p.url())[1];
		expect(await p.locator(`a[href="/health/incidents/${incidentId}"]`).count() > 0,
		    'the request does not show its incident');
	});
	await incident.step('the operator admin resolves the incident', async () => {
		incident.page = ia;
		await ia.goto(`${base}/health/incidents/${incidentId}`);
		const form = ia.locator(`form[action="/health/incidents/${incidentId}/updates"]`);
		await form.locator('[name=text]').fill(`Fixed ${stamp}.`);
		await form.locator('[name=resolved]').check();
		await Promise.all([ia.waitForURL(new RegExp(`/health/incidents/${incidentId}$`)),
		    form.getByRole('button').click()]);
		expect(await ia.getByText(catalogue['health.final']).count() > 0, 'the final update is not shown');
	});
	await incident.step('the partner\'s request shows that the incident ended', async () => {
		incident.page = p;
		await p.goto(`${base}/requests/${linkedId}`);
		expect(await p.getByText(`Fixed ${stamp}.`).count() > 0, 'the final message is not in the timeline');
		expect(await p.getByText(catalogue['request.event.incident_resolved']).count() > 0,
		    'the timeline does not say the incident was resolved');
	});

	// --- a sales agent
	const sales = new Chain('sales');
	const s = sales.page = await newPage(browser, 'sales');
	await sales.step('sales@contoso.example signs in', async () => {
		await signIn(s, 'sales@contoso.example');
	});
	await sales.step('the sales agent\'s menu has no support requests', async () => {
		const links = await menuLinks(s);
		expect(links.some((l) => l.startsWith('Customers')), `no Customers in the menu (${links.join(', ')})`);
		for (const no of ['Customer requests', 'Partner requests', 'Service health'])
			expect(!links.some((l) => l.startsWith(no)), `"${no}" is in the menu`);
		expect(await menu(s).getByText(catalogue['nav.support'] || 'Support requests').count() === 0,
		    '"Support requests" is in the menu');
	});
	await sales.step('/requests shows 403 to the sales agent', async () => {
		const resp = await s.goto(`${base}/requests`);
		expect(resp.status() === 403, `answered ${resp.status()}`);
		expect(await s.getByRole('heading').count() > 0, 'the 403 page has no heading');
	});

	// --- a partner's global admin reads its own reports and their charts
	const reports = new Chain('reports');
	const ra = reports.page = await newPage(browser, 'reports');
	await reports.step('admin@contoso.example opens its SLA report from the dashboard', async () => {
		await signIn(ra, 'admin@contoso.example');
		await Promise.all([ra.waitForURL(/\/reports\/sla$/),
		    ra.getByRole('link', { name: catalogue['dashboard.sla_report'] }).click()]);
		const name = `${catalogue['reports.target.first_response']}: ${catalogue['reports.chart.met_share']}`;
		const chart = ra.getByRole('img', { name });
		expect(await chart.count() === 1, `no image named "${name}"`);
		expect(await chart.locator('polyline').count() >= 1, 'the chart has no line');
		expect(await ra.locator('table.chart-data tbody tr').count() >= 2, 'no table of the chart\'s months');
	});
	await reports.step('… and its scorecard: the flag rate and the SLA over 12 months', async () => {
		await ra.goto(`${base}/dashboard`);
		await Promise.all([ra.waitForURL(/\/reports\/scorecard$/),
		    ra.getByRole('link', { name: catalogue['dashboard.scorecard'] }).click()]);
		const name = `Contoso Reseller: ${catalogue['reports.chart.history']}`;
		const chart = ra.getByRole('img', { name });
		expect(await chart.count() === 1, `no image named "${name}"`);
		expect(await chart.locator('polyline').count() === 2, 'not two lines');
		expect(await ra.locator('table.chart-data tbody tr').count() === 12, 'not 12 months in the table');
	});
	await reports.step('the rising flag rate is drawn: its last full month above its first', async () => {
		const ys = (await ra.locator('.chart-s2 polyline').getAttribute('points')).trim().split(' ')
		    .map((xy) => Number(xy.split(',')[1]));
		// SVG's y grows downwards: a higher rate is a smaller y.
		expect(ys.length === 12, `${ys.length} points`);
		expect(ys[10] < ys[0], `y ${ys[10]} is not above ${ys[0]}`);
	});
	await reports.step('on paper: no menu, the chart and its table stay', async () => {
		await ra.emulateMedia({ media: 'print' });
		expect(!(await ra.locator('header.site').isVisible()), 'the menu prints');
		expect(await ra.locator('svg.chart').isVisible(), 'the chart does not print');
		expect(await ra.locator('table.chart-data').isVisible(), 'the table does not print');
		await ra.emulateMedia({ media: 'screen' });
	});

	// --- stored markup in Chromium: a name and a note full of script
	// markup (test-xss.sh sends it into every form with curl) show as
	// text; no script runs (no dialog) and the CSP is never violated (an
	// injected <script> or onerror would be refused, and say so).
	const xss = new Chain('xss');
	const x = xss.page = await newPage(browser, 'xss');
	const dialogs = [];
	x.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
	await x.context().addInitScript(() => {
		window.pdViolations = [];
		document.addEventListener('securitypolicyviolation',
		    (e) => window.pdViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	const markup = `"'><script>alert('xss ${stamp}')</script><img src=x onerror="alert('xss ${stamp}')">`;
	let oldName = '';
	async function submit(action, name, value) {
		const form = x.locator(`form[action="${action}"]`);
		await form.locator(`[name=${name}]`).fill(value);
		await Promise.all([x.waitForNavigation(),
		    form.locator('button[type=submit]').first().click()]);
	}
	async function clean(what) {
		const violations = await x.evaluate(() => window.pdViolations);
		expect(dialogs.length === 0, `a script ran on ${what}: ${dialogs.join(', ')}`);
		expect(violations.length === 0, `CSP violations on ${what}: ${violations.join(', ')}`);
		expect(await x.getByText(`alert('xss ${stamp}')`).count() > 0,
		    `the markup is not shown as text on ${what}`);
	}
	await xss.step('agent@contoso.example signs in (stored markup)', async () => {
		await signIn(x, 'agent@contoso.example');
	});
	await xss.step('the account form stores a name of script markup', async () => {
		await x.goto(`${base}/account`);
		oldName = await x.locator('form[action="/account"] [name=name]').inputValue();
		await submit('/account', 'name', markup);
		await x.goto(`${base}/account`);
		expect(await x.locator('form[action="/account"] [name=name]').inputValue() === markup,
		    'the name was not stored');
	});
	await xss.step('a note of script markup is added to request 1', async () => {
		await x.goto(`${base}/requests/1`);
		await submit('/requests/1/notes', 'text', markup);
	});
	for (const [what, url] of [['the dashboard', '/dashboard'], ['the request page', '/requests/1'],
	    ['the account page', '/account']]) {
		await xss.step(`${what}: the markup shows as text, no script runs, no CSP violation`, async () => {
			await x.goto(`${base}${url}`);
			await clean(what);
		});
	}
	await xss.step('the name is put back', async () => {
		await x.goto(`${base}/account`);
		await submit('/account', 'name', oldName);
	});

	if (consoleErrors.length === 0) ok('no console errors or CSP violations on the way');
	else notok(`no console errors or CSP violations on the way: ${consoleErrors.slice(0, 3).join(' | ')}`);
	await checkPages(browser, base, work);
	await browser.close();
}

main().catch((e) => {
	notok(`the run ends cleanly: ${e.message.split('\n')[0]}`);
	process.exit(0);
});
