/**
 * `npm run user -- create --email E --role admin|analyst|jobcenter [--jobcenter CODE] [--password-stdin]`,
 * `npm run user -- list`, `npm run user -- disable --email E`: accounts from the command line.
 */
import { parseArgs } from 'node:util';
import { audit } from '$lib/server/auth/audit';
import { createUser, listUsers, setDisabled, UserError } from '$lib/server/auth/users';
import { exit, openAppDatabase, run, say } from './common';
import { askPasswordTwice, PasswordInputError, readStdinPassword } from './password';

const USAGE =
	'Usage: npm run user -- create --email E --role admin|analyst|jobcenter [--jobcenter CODE] [--password-stdin] | list | disable --email E';

const CLI_ACTOR = { userId: null, email: 'cli' };

run(async () => {
	const { values, positionals } = (() => {
		try {
			return parseArgs({
				allowPositionals: true,
				options: {
					email: { type: 'string' },
					role: { type: 'string' },
					jobcenter: { type: 'string' },
					'password-stdin': { type: 'boolean' }
				}
			});
		} catch (e) {
			exit(`${(e as Error).message}\n${USAGE}`);
		}
	})();
	const command = positionals[0];
	if (!['create', 'list', 'disable'].includes(command)) exit(USAGE);
	if (command !== 'list' && !values.email) exit(`--email is missing.\n${USAGE}`);

	const db = await openAppDatabase();
	try {
		if (command === 'list') {
			process.stdout.write('email\trole\tjobcenter\tstatus\n');
			for (const u of await listUsers(db)) {
				const status = u.disabled_at ? 'disabled' : 'active';
				process.stdout.write(`${u.email}\t${u.role}\t${u.jobcenter_code ?? ''}\t${status}\n`);
			}
		} else if (command === 'disable') {
			await setDisabled(db, values.email!, true);
			await audit(db, CLI_ACTOR, 'user_disabled', values.email!);
			say(`Disabled ${values.email}; their sessions have ended.`);
		} else {
			if (!values.role) exit(`--role is missing.\n${USAGE}`);
			if (!values['password-stdin'] && !process.stdin.isTTY) {
				exit(
					'No terminal to ask for the password: pass it on standard input with --password-stdin.'
				);
			}
			const password = values['password-stdin']
				? await readStdinPassword()
				: await askPasswordTwice();
			await createUser(db, {
				email: values.email!,
				role: values.role,
				jobcenterCode: values.jobcenter,
				password
			});
			await audit(
				db,
				CLI_ACTOR,
				'user_created',
				`${values.email} as ${values.role} ${values.jobcenter ?? ''}`.trim()
			);
			say(`Created ${values.email} (${values.role}).`);
		}
	} catch (e) {
		if (e instanceof UserError) exit(e.message, 1);
		if (e instanceof PasswordInputError) exit(e.message);
		throw e;
	} finally {
		await db.destroy();
	}
});
