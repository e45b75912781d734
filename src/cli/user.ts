/**
 * `npm run user -- create --email E --role admin|analyst|jobcenter [--jobcenter CODE] [--password-stdin]`,
 * `npm run user -- list`, `npm run user -- disable --email E`: accounts from the command line; messages
 * on stderr in the language of `--lang de|en`.
 */
import { parseArgs } from 'node:util';
import { audit } from '$lib/server/auth/audit';
import { createUser, listUsers, setDisabled, UserError } from '$lib/server/auth/users';
import { exit, inLang, openAppDatabase, run, say, useLang } from './common';
import { askPasswordTwice, PasswordInputError, readStdinPassword } from './password';

const USAGE =
	'Usage: npm run user -- create --email E --role admin|analyst|jobcenter [--jobcenter CODE] [--password-stdin] | list | disable --email E [--lang de|en]';

const CLI_ACTOR = { userId: null, email: 'cli' };

function readOptions() {
	try {
		return parseArgs({
			allowPositionals: true,
			options: {
				email: { type: 'string' },
				role: { type: 'string' },
				jobcenter: { type: 'string' },
				'password-stdin': { type: 'boolean' },
				lang: { type: 'string' }
			}
		});
	} catch (e) {
		exit(`${(e as Error).message}\n${USAGE}`);
	}
}

run(async () => {
	const { values, positionals } = readOptions();
	const lang = useLang(values.lang, USAGE);
	const t = inLang(lang);
	const command = positionals[0];
	if (!['create', 'list', 'disable'].includes(command)) exit(USAGE);
	if (command !== 'list' && !values.email)
		exit(`${t('--email fehlt.', '--email is missing.')}\n${USAGE}`);

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
			say(
				t(
					`${values.email} gesperrt; die Sitzungen des Kontos sind beendet.`,
					`Disabled ${values.email}; their sessions have ended.`
				)
			);
		} else {
			if (!values.role) exit(`${t('--role fehlt.', '--role is missing.')}\n${USAGE}`);
			if (!values['password-stdin'] && !process.stdin.isTTY) {
				exit(
					t(
						'Es gibt kein Terminal, an dem das Passwort abgefragt werden kann: Geben Sie es mit --password-stdin auf der Standardeingabe.',
						'No terminal to ask for the password: pass it on standard input with --password-stdin.'
					)
				);
			}
			const password = values['password-stdin']
				? await readStdinPassword(lang)
				: await askPasswordTwice(lang);
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
			say(
				t(
					`Konto ${values.email} (${values.role}) angelegt.`,
					`Created ${values.email} (${values.role}).`
				)
			);
		}
	} catch (e) {
		if (e instanceof UserError) exit(e.message, 1);
		if (e instanceof PasswordInputError) exit(e.message);
		throw e;
	} finally {
		await db.destroy();
	}
});
