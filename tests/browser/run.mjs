// The partner's flow of the SPEC in a real Chromium, as a person would
// walk it: sign in, find the customer, file a request through the
// self-help hand-off, fix a form error, then an operator answers on the
// desk, and the partner reads the answer, replies, closes and reopens.
// A sales agent's menu and a forbidden page close the run.
//
// Prints "ok - browser: …" / "not ok - browser: …" per step (tests/run
// counts them) and exits 0 whatever failed; exits 1 only when the
// browser cannot start.  A failed step leaves a screenshot and the HTML
// in $PD_TEST_WORK.  Elements are found by role, label, text and form
// field name (the pages' contract), never by CSS class.
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.env.PD_TEST_BASE || 'http://127.0.0.1:8080';
const work = process.env.PD_TEST_WORK || tmpdir();
const top = process.env.PD_TOP || new URL('../..', import.meta.url).pathname;
const password = 'demo-password';
const stamp = Date.now().toString(36);

function ok(name) { console.log(`ok - browser: ${name}`); }
function notok(name) { console.log(`not ok - browser: ${name}`); }

// English texts the pages show, from the message catalogues (so a
// changed wording does not break the run), else the SPEC's.
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

function path(page) { const u = new URL(page.url()); return u.pathname + u.search; }

async function signIn(page, email) {
	const resp = await page.goto(`${base}/login`);
	expect(resp && resp.status() === 200, `GET /login answered ${resp && resp.status()}`);
	const form = page.locator('form').filter({ has: page.locator('[name=password]') });
	await form.locator('[name=email]').fill(email);
	await form.locator('[name=password]').fill(password);
	await Promise.all([
		page.waitForURL((u) => !u.pathname.startsWith('/login')),
		form.getByRole('button').first().click(),
	]);
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

async function main() {
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
		const note = o.locator('form').filter({ has: o.locator('[name=visibility]') });
		await note.locator('[name=text]').fill(operatorNote);
		await note.locator('[name=visibility][value=public]').check();
		await Promise.all([o.waitForLoadState('load'), o.waitForURL(/\/requests\/\d+/),
		    note.getByRole('button').first().click()]);
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
	await back.step('the partner adds a note', async () => {
		const note = p.locator(`form[action="/requests/${requestId}/notes"]`);
		await note.locator('[name=text]').fill(partnerNote);
		await Promise.all([p.waitForURL(new RegExp(`/requests/${requestId}`)),
		    p.waitForResponse((r) => r.request().method() === 'POST'),
		    note.getByRole('button').first().click()]);
		await p.waitForLoadState();
		expect(await p.getByText(partnerNote).count() > 0, 'the note is not in the timeline');
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

	if (consoleErrors.length === 0) ok('no console errors or CSP violations on the way');
	else notok(`no console errors or CSP violations on the way: ${consoleErrors.slice(0, 3).join(' | ')}`);
	await browser.close();
}

main().catch((e) => {
	notok(`the run ends cleanly: ${e.message.split('\n')[0]}`);
	process.exit(0);
});
