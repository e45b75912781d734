import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/db';
import { verifyPassword } from '$lib/server/auth/passwords';
import { passwordFromStdin } from './password';

const dir = mkdtempSync(join(tmpdir(), 'benchlearn-user-cli-'));
const PASSWORD = 'richtig-geheim-1';
const CREATE = ['src/cli/user.ts', 'create', '--email', 'ana@example.de', '--role', 'analyst'];

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
		const prompts = ['Password: ', 'Repeat the password: '];
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

describe('passwordFromStdin', () => {
	it('takes one line without its line break, or the same password twice', () => {
		expect(passwordFromStdin(`${PASSWORD}\n`)).toBe(PASSWORD);
		expect(passwordFromStdin(`${PASSWORD}\r\n`)).toBe(PASSWORD);
		expect(passwordFromStdin(PASSWORD)).toBe(PASSWORD);
		expect(passwordFromStdin(`${PASSWORD}\n${PASSWORD}\n`)).toBe(PASSWORD);
	});

	it('refuses two different lines and a password with a line break in it', () => {
		expect(() => passwordFromStdin(`${PASSWORD}\nanders-geheim\n`)).toThrow(/two lines .* differ/);
		expect(() => passwordFromStdin(`a\nb\nc\n`)).toThrow(/line break/);
		expect(() => passwordFromStdin(`richtig\rgeheim-1\n`)).toThrow(/line break/);
	});
});

describe('npm run user -- create', { timeout: 120_000 }, () => {
	it('reads exactly one line from --password-stdin, and refuses what cannot be typed at sign-in', async () => {
		const [unix, windows, twice, differ, three] = await Promise.all([
			createUser('unix', [`${PASSWORD}\n`], ['--password-stdin']),
			createUser('windows', [`${PASSWORD}\r\n`], ['--password-stdin']),
			createUser('twice', [`${PASSWORD}\n${PASSWORD}\n`], ['--password-stdin']),
			createUser('differ', [`${PASSWORD}\nanders-geheim-2\n`], ['--password-stdin']),
			createUser('three', [`${PASSWORD}\n${PASSWORD}\n${PASSWORD}\n`], ['--password-stdin'])
		]);
		for (const ok of [unix, windows, twice]) {
			expect(ok.code).toBe(0);
			expect(ok.stderr).toContain('Created ana@example.de (analyst).');
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
			createUser('tty-differ', [`${PASSWORD}\r`, 'vertippt-geheim\r'], [], true)
		]);
		expect(same.code).toBe(0);
		expect(same.stderr).toContain('Password: ');
		expect(same.stderr).toContain('Repeat the password: ');
		expect(same.stderr).not.toContain(PASSWORD);
		expect(await verifyPassword(same.hash!, PASSWORD)).toBe(true);
		expect(differ.code).toBe(2);
		expect(differ.stderr).toContain('The two passwords differ; no account was created.');
		expect(differ.hash).toBeNull();
	});
});
