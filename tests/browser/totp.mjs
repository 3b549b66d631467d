// Sign-in's second step for the browser tests (tests/http/lib.sh does the
// same for curl): operator staff and global admins have TOTP with the
// demo secret, so after the password the browser is at /login/totp and
// types the code oathtool computes.  A code is accepted once per 30 s
// step and the tests sign the same user in more often than that, so the
// user's last accepted step is set back first (test-totp.sh tests the
// guard itself).
import { execFileSync } from 'node:child_process';

export const demoSecret = 'JBSWY3DPEHPK3PXP';

export function totpCode() {
	return execFileSync('oathtool', ['--totp', '-b', demoSecret], { encoding: 'utf8' }).trim();
}

// After the password's form was sent: the second step, if it is asked for.
export async function secondStep(page, email) {
	await page.waitForURL((u) => u.pathname !== '/login');
	if (new URL(page.url()).pathname !== '/login/totp') return;
	const db = process.env.PD_TEST_DB;
	if (db) {
		execFileSync('sqlite3', ['-cmd', '.timeout 5000', db,
		    `UPDATE user SET totp_step = 0 WHERE email = '${email.replace(/'/g, "''")}'`]);
	}
	const form = page.locator('form[action="/login/totp"]');
	await form.locator('[name=code]').fill(totpCode());
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')),
	    form.locator('button').first().click()]);
}
