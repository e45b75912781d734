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
		expect(readFileSync(pidFile(), 'utf8').trim()).toBe(String(process.pid));
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
