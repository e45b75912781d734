import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireServerLock, serverHoldingLock } from './lock';

let dir: string;
let databasePath: string;
const pidFile = () => `${databasePath}.server.pid`;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'benchlearn-lock-'));
	databasePath = join(dir, 'app.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('server lock', () => {
	it('writes the pid on acquire and removes it on release', () => {
		expect(serverHoldingLock(databasePath)).toBeNull();
		const release = acquireServerLock(databasePath);
		// The pid and its start time, so that a later process with the same pid is not taken for it.
		expect(readFileSync(pidFile(), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+\\n$`));
		expect(serverHoldingLock(databasePath)).toBe(process.pid);
		release();
		expect(existsSync(pidFile())).toBe(false);
		expect(serverHoldingLock(databasePath)).toBeNull();
	});

	it('takes over a pid file left by a dead process', () => {
		const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
		writeFileSync(pidFile(), `${deadPid}\n`);
		expect(serverHoldingLock(databasePath)).toBeNull();
		const release = acquireServerLock(databasePath);
		expect(serverHoldingLock(databasePath)).toBe(process.pid);
		release();
	});

	it('takes over from a zombie: a killed server not yet reaped by its parent', async () => {
		// `sh` starts `sleep 0` and becomes `sleep 5`, which never reaps the child: a real zombie.
		const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5']);
		try {
			const zombie = Number(await new Promise<string>((r) => parent.stdout.once('data', r)));
			const state = () => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1][0];
			for (let i = 0; i < 200 && state() !== 'Z'; i++) await new Promise((r) => setTimeout(r, 10));
			expect(state()).toBe('Z');
			// process.kill(pid, 0) still succeeds for a zombie; the lock must not count it.
			expect(() => process.kill(zombie, 0)).not.toThrow();
			writeFileSync(pidFile(), `${zombie}\n`);
			expect(serverHoldingLock(databasePath)).toBeNull();
			const release = acquireServerLock(databasePath);
			expect(serverHoldingLock(databasePath)).toBe(process.pid);
			release();
		} finally {
			parent.kill();
		}
	});

	it('tells a reused pid from the server that wrote the file, by its start time', async () => {
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
		try {
			await new Promise((r) => other.once('spawn', r));
			const start = readFileSync(`/proc/${other.pid}/stat`, 'utf8').split(') ')[1].split(' ')[19];
			writeFileSync(pidFile(), `${other.pid} ${start}\n`);
			expect(serverHoldingLock(databasePath)).toBe(other.pid);
			writeFileSync(pidFile(), `${other.pid} ${Number(start) - 1}\n`);
			expect(serverHoldingLock(databasePath)).toBeNull();
		} finally {
			other.kill();
		}
	});

	it('ignores a pid file with garbage in it', () => {
		writeFileSync(pidFile(), '0\n');
		expect(serverHoldingLock(databasePath)).toBeNull();
		writeFileSync(pidFile(), 'not a pid');
		expect(serverHoldingLock(databasePath)).toBeNull();
	});

	it('refuses while another live process holds the lock', async () => {
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
		try {
			writeFileSync(pidFile(), `${other.pid}\n`);
			expect(serverHoldingLock(databasePath)).toBe(other.pid);
			expect(() => acquireServerLock(databasePath)).toThrow(/Another server \(process \d+\)/);
			expect(readFileSync(pidFile(), 'utf8').trim()).toBe(String(other.pid));
		} finally {
			other.kill();
		}
	});

	it('leaves a lock alone that another process took over before release', () => {
		const release = acquireServerLock(databasePath);
		writeFileSync(pidFile(), '999999999\n');
		release();
		expect(existsSync(pidFile())).toBe(true);
	});
});
