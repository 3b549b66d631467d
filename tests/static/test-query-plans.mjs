// Every SQL statement of the C sources against SQLite's query planner:
// EXPLAIN QUERY PLAN over a database with the migrations, the demo data
// and tests/bench/grow.sql's history (20,000 requests over three years,
// then ANALYZE, so that the planner sees production's proportions).  A statement fails
// when it reads a large table whole (SCAN, an index's whole length
// included) or sorts rows of one in a temporary B-tree (ORDER BY,
// GROUP BY, DISTINCT), unless `allowed` below says why that is bounded.
// Large tables are those that grow with the history; `small` names the
// others and why they stay small.
//
// The statements are found after the C preprocessor (macros such as a
// program's FILTERS expanded): each run of adjacent string literals that
// begins with SELECT, INSERT, UPDATE, DELETE or WITH, named by the
// designated index or variable it initialises.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const top = fileURLToPath(new URL('../..', import.meta.url));

// Tables whose size does not grow with the history.
const small = {
	partner: 'one row per reseller: hundreds',
	user: 'staff and partner agents: thousands at most',
	service: 'the operator\'s catalogue of clouds',
	topic: 'a few per service',
	article: 'the self-help articles of the catalogue',
	topic_field: 'a topic\'s own fields: at most 20 a topic (lib/fielddef.h)',
	incident: 'service incidents: a few a month, and the pages read the open ones',
	incident_service: 'the services of each incident: a few per incident',
	incident_update: 'an incident\'s dated updates: tens',
	mail_optout: 'at most three topics a user turned off',
	setting: 'the operator admin\'s few settings',
	sla_policy: 'the SLA policy\'s versions: one per change the operator admin makes',
	sla_target: 'each SLA policy version\'s 18 targets',
	calendar_day: 'a year\'s holidays and make-up days',
	queue_count: 'one row per (status, severity, service, partner, assignee) of open requests',
	queue_total: 'one row per (status, severity, assignee) of open requests: a few per member of staff',
	api_token: 'a few per global admin',
	remediation_case: 'a partner\'s remediation cases: a few a year',
	remediation_event: 'a case\'s steps: tens',
	remediation_item: 'a case\'s action items: tens',
	remediation_request: 'the requests a case cites: tens',
	remediation_slot: 'a case\'s proposed meeting times: a few',
};

// Partial indexes that hold only open requests: walking one whole is
// bounded by the open requests, which the desk shows anyway.
const openOnly = ['request_desk', 'request_queue', 'request_open'];

// "file NAME": why its scan or sort is bounded all the same.
const oneRequest = 'sorts one request\'s own events, which the page shows whole';
const oneIncident = 'sorts the requests linked to one incident (request_incident), which ' +
    'the incident page lists';
const oneCustomer = 'sorts one customer\'s services by name: at most the catalogue';
const window = 'groups the window\'s rows of the SLA rollups in a temporary B-tree: by severity ' +
    'or month its months and a month\'s days of sla_rollup_severity(_day) (migration 032; one ' +
    'partner\'s: sla_rollup_partner(_day), migration 026), by partner two rows per partner and ' +
    'target of sla_partner_running, by service sla_rollup and sla_rollup_day, and the requests ' +
    'of its first day (a range of request_sla): bounded by the window, a month\'s days and a ' +
    'day\'s requests, not the history';
const hits = 'sorts the requests the search index found, fewer than 5,000 (SET_MAX, ' +
    'lib/search.c: past that the search walks the list\'s order instead)';
const allowed = {
	'cgi-bin/desk.c SQL_QUEUE_HITS': hits,
	'cgi-bin/requests.c SQL_HITS_LIST_PARTNER': hits,
	'cgi-bin/requests.c SQL_HITS_LIST_ALL': hits,
	'cgi-bin/requests.c SQL_HITS_SORTED_PARTNER': hits,
	'cgi-bin/requests.c SQL_HITS_SORTED_ALL': hits,
	'cgi-bin/requests.c SQL_HITS_OLDER_PARTNER': hits,
	'cgi-bin/requests.c SQL_HITS_OLDER_ALL': hits,
	'cgi-bin/requests.c SQL_HITS_NEWER_PARTNER': hits,
	'cgi-bin/requests.c SQL_HITS_NEWER_ALL': hits,
	'lib/clock.c SQL_EVENTS': oneRequest,
	'lib/event.c SQL_TIMELINE': oneRequest,
	'lib/fielddef.c sql_answers': 'sorts one request\'s answers: at most its topic\'s 20 fields',
	'lib/lookup.c SQL_COUNT_ALL': 'operator staff\'s customer search over every ' +
	    'customer\'s name and domain: no index serves LIKE \'%q%\' (FTS5 would)',
	'cgi-bin/customers.c SQL_SERVICES': oneCustomer,
	'cgi-bin/health.c SQL_CUSTOMER_SERVICES': oneCustomer,
	'cgi-bin/newrequest.c SQL_SERVICES': oneCustomer,
	'cgi-bin/customers.c SQL_REQUESTS': 'sorts one customer\'s requests by creation for a ' +
	    'page (FIXME: an index on (customer_id, created_at) would stop at the page)',
	'cgi-bin/dashboard.c SQL_BY_SEVERITY': 'groups the partner\'s rows of request_count by ' +
	    'severity: its few hundred scope × status × severity × service counters, never requests',
	'cgi-bin/remediation.c SQL_CITED': 'sorts the requests one case cites',
	'cgi-bin/reports.c sla_sql[0]': window,
	'cgi-bin/reports.c sla_sql[1]': window,
	'cgi-bin/reports.c sla_sql[2]': window,
	'cgi-bin/reports.c sla_sql[3]': window,
	'cgi-bin/reports.c SQL_SCORECARD': window,
	'cgi-bin/reports.c SQL_HISTORY': window,
	'cgi-bin/reports.c SQL_SLA_TREND': window,
	'cgi-bin/requests.c SQL_SORTED_PARTNER': 'the order the reader chose (severity, creation) ' +
	    'sorts the partner\'s matching history (FIXME: an index per order; keyset paging ' +
	    'covers the default order only)',
	'cgi-bin/requests.c SQL_SORTED_ALL': 'the order the reader chose (severity, creation) ' +
	    'sorts the matching history (FIXME: an index per order; keyset paging covers the ' +
	    'default order only)',
	'lib/backup.c sql_files': 'pdctl backup and restore copy every attachment file: each ' +
	    'row is read once, by hand or from cron, never by a worker',
	'tools/pdctl.c sql_open': 'pdctl clocks, run by hand, sorts the open requests only; pdctl demo, once, every demo request',
	'cgi-bin/health.c SQL_LINKED': oneIncident,
	'cgi-bin/health.c SQL_OPEN_LINKED': oneIncident,
	'lib/outbox.c SQL_INCIDENT_UPDATE': 'groups one incident\'s open linked requests by ' +
	    'contact (request_incident): one mail per address',
	'cgi-bin/status.c SQL_OUTBOX': 'counts the unsent mail only (the partial index outbox_due): ' +
	    'what the sender has yet to send, a few rows while it runs',
};

console.log('1..5');
let failed = 0;
function ok(name) { console.log(`ok - plans: ${name}`); }
function notok(name) { console.log(`not ok - plans: ${name}`); failed++; }
function verdict(name, bad) {
	if (bad.length) notok(`${name} (${bad.length}: ${bad.slice(0, 8).join('; ')})`);
	else ok(name);
}

// The statements of one C file: [{ name, sql }].
function statements(file) {
	const c = execFileSync('cc', ['-E', '-P', '-D_GNU_SOURCE', '-Ilib',
	    '-I/usr/include/libxml2', file], { cwd: top, encoding: 'utf8',
	    maxBuffer: 64 << 20 });
	const found = [];
	// A run of string literals, and what comes before it.
	const run = /((?:"(?:[^"\\\n]|\\.)*"\s*)+)/g;
	let m;
	while ((m = run.exec(c))) {
		const text = [...m[1].matchAll(/"((?:[^"\\\n]|\\.)*)"/g)]
		    .map((s) => s[1].replace(/\\(.)/g, (_, ch) =>
			({ n: '\n', t: '\t' })[ch] ?? ch)).join('');
		if (!/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/.test(text)) continue;
		const before = c.slice(Math.max(0, m.index - 200), m.index);
		// [SQL_X] = "…", name = "…", or the Nth entry of array[] = { "…", "…" }.
		let name = /\[\s*(\w+)\s*\]\s*=\s*$/.exec(before)?.[1] ??
		    /(\w+)\s*(?:\[\s*\])?\s*=\s*$/.exec(before)?.[1];
		if (!name) {
			const arrays = [...c.slice(0, m.index).matchAll(/(\w+)\s*\[\s*\]\s*=\s*\{/g)];
			const array = arrays.length ? arrays[arrays.length - 1][1] : '?';
			const n = found.filter((f) => f.name.startsWith(`${array}[`)).length;
			name = `${array}[${n}]`;
		}
		found.push({ name, sql: text });
	}
	return found;
}

const sources = ['lib', 'cgi-bin', 'tools'].flatMap((d) =>
    readdirSync(join(top, d)).filter((f) => f.endsWith('.c')).map((f) => `${d}/${f}`));
const all = sources.flatMap((file) => statements(file).map((s) => ({ file, ...s })));
if (all.length > 50) ok(`${all.length} statements found in ${sources.length} files`);
else notok(`only ${all.length} statements found: the extraction is broken`);

// The database: migrations, demo data, a grown history, statistics.
const work = mkdtempSync(join(tmpdir(), 'pd-plans-'));
const db = join(work, 'plans.db');
function sqlite(args, input) {
	return execFileSync('sqlite3', ['-bail', db, ...args], { cwd: top, input,
	    encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['pipe', 'pipe', 'pipe'] });
}
// Migrated by pdctl, as a worker would: the migrator makes tables of its own.
execFileSync(join(top, process.env.PD_BIN || 'build', 'pdctl'), ['demo', db], { stdio: ['ignore', 'ignore', 'pipe'] });
// 20,000 requests over three years (one every 4,750 s): 2 % open.
sqlite(['CREATE TEMP TABLE bench_size (requests, spacing)', 'INSERT INTO bench_size VALUES (20000, 4750)',
    '.read tests/bench/grow.sql']);

// Table of each alias a statement gives (FROM request r, JOIN user a).
function aliases(sql) {
	const map = {};
	for (const m of sql.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
		map[m[1]] = m[1];
		if (m[2] && !/^(ON|WHERE|JOIN|LEFT|INNER|CROSS|SET|GROUP|ORDER|LIMIT|USING|VALUES|SELECT|AS|NATURAL|DEFAULT)$/i.test(m[2]))
			map[m[2]] = m[1];
	}
	return map;
}

// The plans of every statement, over the database as it is now.
function check(label) {
	const unprepared = [], bad = [];
	for (const s of all) {
		let plan;
		try {
			plan = sqlite([`EXPLAIN QUERY PLAN ${s.sql}`]);
		} catch (e) {
			unprepared.push(`${s.file} ${s.name}: ${String(e.stderr).trim()}`);
			continue;
		}
		const names = aliases(s.sql);
		const large = (t) => {
			const table = names[t] ?? t;
			return !(table in small) && !/^(sqlite_|bench_)/.test(table);
		};
		const problems = [];
		// Rows of a large table reach the statement's sort unless they
		// are read in a scalar or IN (…) subquery, which yields one value.
		let readsLarge = false;
		const path = [];
		// A walk in the statement's own order (an index's or the
		// rowid's) that stops at its LIMIT reads a page, not the table.
		const orderedWalk = /\bORDER BY\b/.test(s.sql) && /\bLIMIT\b/.test(s.sql) &&
		    !/USE TEMP B-TREE FOR .*ORDER BY/.test(plan);
		for (const line of plan.split('\n')) {
			const node = /^([|` ]*)[|`]--(.*)$/.exec(line);
			if (!node) continue;
			path.length = node[1].length / 3;
			path.push(node[2]);
			const inSubquery = path.some((n) => /SCALAR SUBQUERY|LIST SUBQUERY/.test(n));
			const scan = /^(SCAN|SEARCH) (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(node[2]);
			// FTS5 answering MATCH (its index string "M…", migration
			// 021) reads the text's postings, not the table.
			const ftsMatch = / VIRTUAL TABLE INDEX \d+:M/.test(node[2]);
			if (scan && scan[2] !== 'CONSTANT' && !ftsMatch && large(scan[2])) {
				readsLarge ||= !inSubquery;
				if (scan[1] === 'SCAN' && !orderedWalk && !openOnly.includes(scan[3]))
					problems.push(`scans ${names[scan[2]] ?? scan[2]}`);
			}
		}
		for (const line of plan.split('\n')) {
			const sort = /USE TEMP B-TREE FOR (.*)/.exec(line);
			if (sort && readsLarge) problems.push(`sorts for ${sort[1]}`);
		}
		const key = `${s.file} ${s.name}`;
		if (problems.length) needed.add(key);
		if (problems.length && !(key in allowed)) {
			bad.push(`${key} ${[...new Set(problems)].join(', ')}`);
			// The statement and its plan, for whoever reads the failure.
			console.log(`# ${label}: ${key}: ${s.sql.replace(/\s+/g, ' ')}`);
			for (const line of plan.trim().split('\n')) console.log(`#   ${line}`);
		}
	}
	return { unprepared, bad };
}

// As analysed (make bench's database, a production one after ANALYZE)
// and as a fresh production database is, without statistics.
const needed = new Set();
const analysed = check('analysed');
verdict('every statement prepares against the schema', analysed.unprepared);
verdict('no statement scans or sorts a large table but those allowed, and why ' +
    '(with statistics)', analysed.bad);
sqlite(['DELETE FROM sqlite_stat1']);
verdict('no statement scans or sorts a large table but those allowed, and why ' +
    '(without statistics)', check('without statistics').bad);
// An exception nothing needs any more, or that names no statement, goes.
verdict('every allowed exception names a statement that needs it',
    Object.keys(allowed).filter((k) => !needed.has(k)));
rmSync(work, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
