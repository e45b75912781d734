/** Runs a CLI in specs as `npm run` would: through tsx, on a given database, collecting its exit code and both streams. */
import { spawn } from 'node:child_process';

export interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

export function runCli(
	name: string,
	args: string[],
	database: string,
	env: Record<string, string> = {}
): Promise<CliRun> {
	const child = spawn('npx', ['tsx', `src/cli/${name}.ts`, ...args], {
		env: { ...process.env, DATABASE_PATH: database, ...env }
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	return new Promise((resolve) =>
		// npx may warn about the machine's npm configuration; that is not the CLI speaking.
		child.on('close', (code) =>
			resolve({ code, stdout, stderr: stderr.replace(/^npm warn .*\n/gm, '') })
		)
	);
}
