import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing';
import { openDatabase } from '$lib/server/db';
import { verifyPassword } from '$lib/server/auth/passwords';
import { passwordFromStdin } from './password';

const dir = mkdtempSync(join(tmpdir(), 'benchlearn-user-cli-'));
const PASSWORD = 'richtig-geheim-1';
const CREATE = ['src/cli/user.ts', 'create', '--email', 'ana@example.de', '--role', 'analyst'];
const EN = ['--lang', 'en'];

interface Outcome {
	code: number | null;
	stderr: string;
	/** The stored hash, or null when no account was created. */
	hash: string | null;
}

/** Runs `npm run user` through tsx on a fresh database; `tty` runs it in a pseudo-terminal via script(1). */
async function createUser(name: string, input: string[], flags: string[], tty = false) {
	const database = join(dir, `${name}.db`);
	const args = [...CREATE, ...flags];
	const child = tty
		? spawn('script', ['-qec', ['npx', 'tsx', ...args].join(' '), '/dev/null'], {
				env: { ...process.env, DATABASE_PATH: database }
			})
		: spawn('npx', ['tsx', ...args], { env: { ...process.env, DATABASE_PATH: database } });
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	if (tty) {
		// script(1) puts the child's stderr on its stdout, with the terminal's echo; like a person,
		// the test types each line only once its prompt is shown.
		const prompts = flags.includes('en')
			? ['Password: ', 'Repeat the password: ']
			: ['Passwort: ', 'Passwort wiederholen: '];
		const lines = [...input];
		child.stdout.on('data', (d) => {
			stderr += d;
			while (lines.length && stderr.includes(prompts[input.length - lines.length])) {
				child.stdin.write(lines.shift());
			}
		});
	} else {
		child.stdout.on('data', (d) => (stderr += d));
		for (const chunk of input) child.stdin.write(chunk);
		child.stdin.end();
	}
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	const db = openDatabase(database);
	try {
		const row = await db.selectFrom('app_user').select('password_hash').executeTakeFirst();
		return { code, stderr, hash: row?.password_hash ?? null } satisfies Outcome;
	} finally {
		await db.destroy();
	}
}

/** Runs `npm run user` with ARGS on a database of its own and collects both streams. */
const userCli = (name: string, args: string[]) => runCli('user', args, join(dir, `${name}.db`));

describe('passwordFromStdin', () => {
	it('takes one line without its line break, or the same password twice', () => {
		expect(passwordFromStdin(`${PASSWORD}\n`, 'de')).toBe(PASSWORD);
		expect(passwordFromStdin(`${PASSWORD}\r\n`, 'de')).toBe(PASSWORD);
		expect(passwordFromStdin(PASSWORD, 'de')).toBe(PASSWORD);
		expect(passwordFromStdin(`${PASSWORD}\n${PASSWORD}\n`, 'de')).toBe(PASSWORD);
	});

	it('refuses two different lines and a password with a line break in it', () => {
		const differ = `${PASSWORD}\nanders-geheim\n`;
		expect(() => passwordFromStdin(differ, 'en')).toThrow(/two lines .* differ/);
		expect(() => passwordFromStdin(differ, 'de')).toThrow(/beiden Zeilen .* unterscheiden/);
		expect(() => passwordFromStdin(`a\nb\nc\n`, 'en')).toThrow(/line break/);
		expect(() => passwordFromStdin(`richtig\rgeheim-1\n`, 'de')).toThrow(/Zeilenumbruch/);
	});
});

describe('npm run user', { timeout: 120_000 }, () => {
	it('reads exactly one line from --password-stdin, and refuses what cannot be typed at sign-in', async () => {
		const [unix, windows, twice, differ, three] = await Promise.all([
			createUser('unix', [`${PASSWORD}\n`], ['--password-stdin']),
			createUser('windows', [`${PASSWORD}\r\n`], ['--password-stdin']),
			createUser('twice', [`${PASSWORD}\n${PASSWORD}\n`], ['--password-stdin']),
			createUser('differ', [`${PASSWORD}\nanders-geheim-2\n`], ['--password-stdin', ...EN]),
			createUser('three', [`${PASSWORD}\n${PASSWORD}\n${PASSWORD}\n`], ['--password-stdin', ...EN])
		]);
		for (const ok of [unix, windows, twice]) {
			expect(ok.code).toBe(0);
			// German unless --lang asks otherwise, as in the web UI; nothing on stdout.
			expect(ok.stderr).toBe('Konto ana@example.de (analyst) angelegt.\n');
			// The stored password is the line as typed, without its line break.
			expect(await verifyPassword(ok.hash!, PASSWORD)).toBe(true);
		}
		expect(differ).toEqual({
			code: 2,
			stderr: 'The two lines on standard input differ. Pass the password once, on one line.\n',
			hash: null
		});
		expect(three.code).toBe(2);
		expect(three.stderr).toMatch(/^The password contains a line break\./);
		expect(three.hash).toBeNull();
	});

	it('asks twice at a terminal and creates the account only when both match', async () => {
		const [same, differ] = await Promise.all([
			createUser('tty-same', [`${PASSWORD}\r`, `${PASSWORD}\r`], [], true),
			createUser('tty-differ', [`${PASSWORD}\r`, 'vertippt-geheim\r'], EN, true)
		]);
		expect(same.code).toBe(0);
		expect(same.stderr).toContain('Passwort: ');
		expect(same.stderr).toContain('Passwort wiederholen: ');
		expect(same.stderr).toContain('Konto ana@example.de (analyst) angelegt.');
		expect(same.stderr).not.toContain(PASSWORD);
		expect(await verifyPassword(same.hash!, PASSWORD)).toBe(true);
		expect(differ.code).toBe(2);
		expect(differ.stderr).toContain('Repeat the password: ');
		expect(differ.stderr).toContain('The two passwords differ; no account was created.');
		expect(differ.hash).toBeNull();
	});

	it('names what is missing in the language of --lang, above the English usage', async () => {
		const [german, english] = await Promise.all([
			userCli('no-email-de', ['disable']),
			userCli('no-email-en', ['disable', '--lang', 'en'])
		]);
		expect(german).toMatchObject({ code: 2, stdout: '' });
		expect(german.stderr).toMatch(/^--email fehlt\.\nUsage: npm run user -- create /);
		expect(english).toMatchObject({ code: 2, stdout: '' });
		expect(english.stderr).toMatch(/^--email is missing\.\nUsage: npm run user -- create /);
	});
});
