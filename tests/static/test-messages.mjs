// The message catalogues (xslt/messages/*.xml) against their users: every
// message has a text in each language, every key a stylesheet names is
// defined, and every defined key is used.  A key is used when it appears
// whole in a stylesheet or in the C sources, or when a stylesheet builds
// it from a prefix and a value (concat('status.', @status)): the table
// `built` below names, for each such prefix, where its values come from.
// A prefix a stylesheet builds that is not in the table fails the check.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const top = fileURLToPath(new URL('../..', import.meta.url));
const languages = ['en', 'zh', 'it'];
console.log('1..5');
function ok(name) { console.log(`ok - messages: ${name}`); }
function notok(name) { console.log(`not ok - messages: ${name}`); }
function verdict(name, bad) {
	if (bad.length) notok(`${name} (${bad.length}: ${bad.slice(0, 12).join(', ')})`);
	else ok(name);
}

function files(dir, ext) {
	return readdirSync(join(top, dir)).filter((f) => f.endsWith(ext)).map((f) => join(dir, f));
}
function read(file) { return readFileSync(join(top, file), 'utf8'); }

// The values a CHECK (col IN (...)) of a table in the migrations allows:
// its latest definition, where a migration rebuilt it as <table>_new.
const schema = files('db/migrations', '.sql').sort().map(read).join('\n');
function check(table, column) {
	const body = [...schema.matchAll(new RegExp(`CREATE TABLE ${table}(?:_new)? \\(([\\s\\S]*?)\\n\\)[^;\\n]*;`, 'g'))].pop();
	const list = body && new RegExp(`CHECK \\(${column} IN\\s*\\(([^)]*)\\)`).exec(body[1]);
	if (!list) throw new Error(`no CHECK (${column} IN …) in table ${table}`);
	return [...list[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

const cSources = [...files('lib', '.c'), ...files('cgi-bin', '.c')].map(read).join('\n');
// The rules a refused input names: what validators and the parser
// return or set, what handlers pass to req_error() and form_fail(), and
// the 409 rule of each state of a step machine (struct machine_state,
// lib/step.h), and the refusals of lib/multipart.c and lib/upload.c.
function rules() {
	const found = new Set();
	for (const m of cSources.matchAll(/\] = \{ "[a-z_]+", "([a-z_]+)" \},/g)) found.add(m[1]);
	// … and what a field's or a CSV line's rule is set to (tenants.c, csv.c).
	for (const m of cSources.matchAll(/(?:return |\? |: |rule = |rule\[\w+\] = |bad\(rec, )"([a-z0-9_]+)"/g)) found.add(m[1]);
	for (const m of cSources.matchAll(/req_error\(r, \d+, [^,]+, "([a-z_]+)"\)/g)) found.add(m[1]);
	for (const m of cSources.matchAll(/form_fail\([^;]*, "([a-z0-9_]+)"\);/g)) found.add(m[1]);
	// … and a CSV import's row (tenants.c).
	for (const m of cSources.matchAll(/row_el\(im, [^;]*, "([a-z0-9_]+)"\);/g)) found.add(m[1]);
	// The refusals of the multipart parser and of the upload reader.
	for (const m of cSources.matchAll(/fail\(m, "([a-z0-9_]+)"/g)) found.add(m[1]);
	for (const m of cSources.matchAll(/refuse\(u, \d+, [^;]*?"([a-z0-9_]+)"\);/g)) found.add(m[1]);
	return [...found];
}
// The input keys of every program (their labels are field.<name>).
function fields() {
	return [...new Set([...cSources.matchAll(/\] = \{ "([a-z_]+)", valid_/g)].map((m) => m[1]))];
}
// The HTTP statuses lib/app.c has a reason phrase for, and those the
// web server answers with a page scripts/webconf writes.
function statuses() {
	const own = /statuses="([\d ]+)"/.exec(read('scripts/webconf'));
	return [...read('lib/app.c').matchAll(/\[(\d{3})\] = "/g)].map((m) => m[1])
	    .concat(own ? own[1].split(' ') : []);
}

// Each prefix a stylesheet builds keys from, and its values.
const built = {
	'status.': () => check('request', 'status'),
	'severity.': () => check('request', 'severity'),
	'newrequest.impact.': () => check('request', 'severity'),
	'newrequest.target.': () => check('request', 'severity'),
	// A service's health: normal, or its worst active incident's status.
	'health.': () => ['normal', ...check('incident', 'status')],
	'health.kind.': () => check('incident', 'kind'),
	'flag.': () => check('flag', 'reason'),
	'rem.state.': () => check('remediation_case', 'state'),
	// The dashboard lists the cases still open.
	'dashboard.rem.': () => check('remediation_case', 'state').filter((s) => s !== 'closed'),
	'rem.event.': () => check('remediation_event', 'kind'),
	'mail.step.': () => check('remediation_event', 'kind'),
	// request.xsl words status, flag and contact events its own way.
	'request.event.': () => check('event', 'kind').filter((k) => !['status', 'flag', 'contact'].includes(k)),
	// The events mailed to the partner's contact (lib/outbox.c); a
	// closing status change is mail.event.closed.
	'mail.event.': () => ['note', 'status', 'severity', 'flag', 'unflag', 'closed', 'contact', 'incident_resolved'],
	'request.lang.': () => check('request', 'contact_lang'),
	'request.method.': () => check('request', 'contact_method'),
	'work.method.': () => check('contact', 'method'),
	'account.lang.': () => check('user', 'lang'),
	'role.': () => check('user', 'role'),
	'account.mail.': () => check('mail_optout', 'topic'),
	// auth.c's token_access_names[]: what a token may do.
	'account.access.': () => ['write', 'read', 'feed'],
	// newrequest.xsl names the kinds of topic that ask for more.
	'newrequest.kind.': () => check('topic', 'kind').filter((k) => k === 'billing' || k === 'fraud'),
	'reports.kind.': () => check('calendar_day', 'kind'),
	// The SLA targets of the report's rows and charts.
	'reports.target.': () => check('sla_rollup', 'target'),
	// The catalogue's pages and choices (catalogue.c, fielddef.c).
	'catalogue.title.': () => ['services', 'service', 'topics', 'topic', 'field', 'articles'],
	'catalogue.for.': () => ['customers', 'partners'],
	'catalogue.kind.': () => check('topic', 'kind'),
	'catalogue.type.': () => check('topic_field', 'kind'),
	'catalogue.lang.': () => check('user', 'lang').filter((l) => l !== ''),
	// The SLA policy's targets (policies.c, migration 020).
	'clock.target.': () => check('sla_target', 'target'),
	'policy.kind.': () => check('sla_target', 'topic_kind'),
	'policy.calendar.': () => check('sla_target', 'calendar'),
	'policy.pause.': () => ['none', ...check('sla_target', 'pause_status').filter((s) => s !== '')],
	'error.status.': statuses,
	'error.': rules,
	'field.': fields,
	// Values the programs write into the model (newrequest.c's steps,
	// requests.c's scopes, reports.c's pages and periods, clock.c's
	// states, the close form's resolutions, work.c's actions).
	'newrequest.title.': () => ['service', 'handoff', 'form'],
	'requests.title.': () => ['customer', 'partner', 'all'],
	'reports.title.': () => ['sla-report', 'scorecard', 'calendar', 'audit'],
	'reports.days.': () => ['30', '90', '365'],
	'sla.': () => ['running', 'paused', 'met', 'breached', 'soon'],
	'resolution.': () => ['solved', 'workaround', 'no_fault_found', 'duplicate', 'partner_withdrew', 'out_of_scope'],
	'work.': () => ['contacts', 'severity', 'flag', 'unflag', 'incident'],
	'rem.by.': () => ['operator', 'partner'],
	// tenants.c's pages (the model's element), yes/no and its steps.
	'tenants.title.': () => ['partners', 'partner', 'customers', 'customer', 'import', 'support-profile'],
	'tenants.premium.': () => ['yes', 'no'],
	'tenants.row.': () => ['ok', 'error'],
	'tenants.has.': () => ['yes', 'no'],
	// The button of a service: what the customer has now.
	'tenants.service_action.': () => ['yes', 'no'],
	'tenants.active.': () => ['yes', 'no'],
	'tenants.step.': () => ['deactivate', 'activate'],
	'tenants.step_hint.': () => ['deactivate', 'activate'],
	// users.c's steps of a user's life.
	'users.step.': () => ['reinvite', 'deactivate', 'reactivate'],
	'users.step_hint.': () => ['reinvite', 'deactivate', 'reactivate'],
	// status.c's checks, their states, and how the page came (tls).
	'system.name.': () => ['virus_scan', 'sqlite', 'data_dir', 'files_dir', 'outbox', 'file_limits', 'tls'],
	'system.state.': () => ['ok', 'warning', 'off'],
	'system.why.': () => ['virus_scan.ok', 'virus_scan.warning', 'virus_scan.off', 'sqlite.ok',
	    'data_dir.ok', 'data_dir.warning', 'files_dir.ok', 'files_dir.warning', 'outbox.ok',
	    'outbox.warning', 'file_limits.ok', 'tls.ok', 'tls.warning'],
	'system.via.': () => ['behind_tls', 'https', 'http'],
};

// The catalogues.
const defined = new Map();
const dupes = [], untranslated = [];
for (const file of files('xslt/messages', '.xml')) {
	for (const [, k, body] of read(file).matchAll(/<msg\s+k="([^"]*)"[^>]*>([\s\S]*?)<\/msg>/g)) {
		if (defined.has(k)) dupes.push(`${k} in ${defined.get(k)} and ${file}`);
		defined.set(k, file);
		for (const lang of languages) {
			const text = new RegExp(`<${lang}>([\\s\\S]*?)</${lang}>`).exec(body);
			if (!text || !text[1].trim()) untranslated.push(`${k} (${lang})`);
		}
	}
}
verdict(`${defined.size} keys, none defined twice`, dupes);
verdict(`every key has a text in ${languages.join(', ')}`, untranslated);

// The stylesheets: keys named whole, and prefixes keys are built from.
const xsl = files('xslt', '.xsl').map(read).join('\n');
const source = `${xsl}\n${cSources}`;
const prefixes = new Set([...xsl.matchAll(/concat\('([a-z_.-]+\.)'/g)].map((m) => m[1]));
verdict('every prefix a stylesheet builds keys from says where its values come from',
    [...prefixes].filter((p) => !built[p]));

const expanded = new Set();
const missing = [];
for (const [prefix, values] of Object.entries(built)) {
	if (!prefixes.has(prefix)) {
		missing.push(`${prefix}* (no stylesheet builds it: drop it from the table)`);
		continue;
	}
	let list;
	try {
		list = values();
	} catch (e) {
		missing.push(`${prefix}*: ${e.message}`);
		continue;
	}
	for (const v of list) expanded.add(prefix + v);
	// field.*, error.* and error.status.* also name inputs, rules and
	// statuses that need no words of their own (hidden fields, rules only
	// scripts meet, statuses error.xsl words with error.title); the
	// others are finite sets the stylesheets show every value of.
	if (!['field.', 'error.', 'error.status.'].includes(prefix))
		for (const v of list) if (!defined.has(prefix + v)) missing.push(prefix + v);
}
// Keys named whole: quoted in a with-param, or as the text of a variable.
const named = new Set([...xsl.matchAll(/(?:select="'|>)([a-z_]+(?:\.[A-Za-z0-9_-]+)+)(?:'"|<)/g)]
    .map((m) => m[1]).filter((k) => defined.has(k.split('.')[0] + '.') || [...defined.keys()].some((d) => d.startsWith(k.split('.')[0] + '.'))));
for (const k of named) if (!defined.has(k) && !/\.(xml|xsl)$/.test(k)) missing.push(k);
verdict('every key the stylesheets name is defined', missing);

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const unused = [...defined.keys()].filter((k) => !expanded.has(k) &&
    !new RegExp(`(?<![\\w.-])${escape(k)}(?![\\w-]|\\.\\w)`).test(source));
verdict('every defined key is used', unused);

