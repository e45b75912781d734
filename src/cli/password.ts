/** Reading a new password for `npm run user -- create`: one line from stdin, or typed twice at a terminal. */
import { createInterface } from 'node:readline';
import { inLang, type Lang } from './common';

/** Far above any password; a larger stdin is a mistake (a file piped in), not a password. */
const MAX_STDIN_BYTES = 4096;

export class PasswordInputError extends Error {}

/**
 * The password in a text read from stdin: exactly one line, its line break dropped. A second line
 * is accepted only as the same password again (as `passwd` users pipe it); anything else would
 * store a password with a line break that no one can type at the sign-in form.
 */
export function passwordFromStdin(text: string, lang: Lang): string {
	const t = inLang(lang);
	const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
	if (lines.length === 2 && lines[0] === lines[1]) return lines[0];
	if (lines.length === 2) {
		throw new PasswordInputError(
			t(
				'Die beiden Zeilen auf der Standardeingabe unterscheiden sich. Geben Sie das Passwort einmal, in einer Zeile.',
				'The two lines on standard input differ. Pass the password once, on one line.'
			)
		);
	}
	if (lines.length > 2 || lines[0].includes('\r')) {
		throw new PasswordInputError(
			t(
				'Das Passwort enthält einen Zeilenumbruch. Geben Sie es in einer Zeile, z. B. printf "%s\\n" "$PASSWORD".',
				'The password contains a line break. Pass it on one line, e.g. printf "%s\\n" "$PASSWORD".'
			)
		);
	}
	return lines[0];
}

export async function readStdinPassword(lang: Lang): Promise<string> {
	const chunks: Buffer[] = [];
	let bytes = 0;
	for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
		bytes += chunk.length;
		if (bytes > MAX_STDIN_BYTES) {
			throw new PasswordInputError(
				inLang(lang)(
					`Die Standardeingabe enthält mehr als ${MAX_STDIN_BYTES} Bytes; geben Sie nur das Passwort.`,
					`Standard input holds more than ${MAX_STDIN_BYTES} bytes; pass only the password.`
				)
			);
		}
		chunks.push(chunk);
	}
	return passwordFromStdin(Buffer.concat(chunks).toString('utf8'), lang);
}

/** Asks twice on the terminal without echoing what is typed; the two must match. */
export async function askPasswordTwice(lang: Lang): Promise<string> {
	const t = inLang(lang);
	const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
	// Readline would echo every key; the prompts go to stderr directly instead.
	(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
	// The iterator keeps lines that arrive before they are asked for (a fast typist, a paste).
	const lines = rl[Symbol.asyncIterator]();
	const ask = async (question: string) => {
		process.stderr.write(question);
		const { value, done } = await lines.next();
		process.stderr.write('\n');
		if (done)
			throw new PasswordInputError(
				t('Es wurde kein Passwort eingegeben.', 'No password was typed.')
			);
		return value as string;
	};
	try {
		const first = await ask(t('Passwort: ', 'Password: '));
		const second = await ask(t('Passwort wiederholen: ', 'Repeat the password: '));
		if (first !== second) {
			throw new PasswordInputError(
				t(
					'Die beiden Passwörter unterscheiden sich; es wurde kein Konto angelegt. Bitte versuchen Sie es noch einmal.',
					'The two passwords differ; no account was created. Please try again.'
				)
			);
		}
		return first;
	} finally {
		rl.close();
	}
}
