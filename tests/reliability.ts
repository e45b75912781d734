/** What the reliability tests share: demo databases to copy, large upload files, fingerprints of the data, and a way to catch an import inside its write transaction. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	closeSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	rmSync,
	statSync,
	truncateSync,
	writeFileSync,
	writeSync
} from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { benchRows, canonicalLine, type BenchRow } from '../src/bench/dataset';
import { DEMO_JOBCENTERS } from '../src/lib/server/demo/jobcenters';
import { csvLine, METRICS_HEADER } from '../src/lib/server/ingest/export';
import { startServer } from './processes';

export const TODAY = '2026-11-15';

/** Starts a server with demo data once, so that each test can begin from a copy of it. */
export async function demoDatabase(path: string): Promise<void> {
	const server = await startServer({ DATABASE_PATH: path, DEMO: '1', BENCHLEARN_TODAY: TODAY });
	await server.stop();
}

/** A self-contained copy, also of a database with a WAL, that the server then opens as its own. */
export function copyDatabase(from: string, to: string): string {
	mkdirSync(dirname(to), { recursive: true });
	const source = new Database(from, { readonly: true });
	try {
		source.exec(`vacuum into '${to.replaceAll("'", "''")}'`);
	} finally {
		source.close();
	}
	// As the server leaves it: in WAL mode, where readers never wait for a writer.
	const copy = new Database(to);
	try {
		copy.pragma('journal_mode = WAL');
	} finally {
		copy.close();
	}
	return to;
}

/**
 * Five years of every channel of every demo jobcenter (44,880 rows, 2.3 MB): long enough to write
 * that a test catches the import inside its transaction, and it only names jobcenters of the demo.
 */
export function nationalRows(): BenchRow[] {
	const scale = { jobcenters: DEMO_JOBCENTERS.length, months: 60, until: '2026-10' as const };
	return [...benchRows(scale)].flat();
}

export function writeMetrics(path: string, rows: BenchRow[]): string {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, [csvLine(METRICS_HEADER), ...rows.map(canonicalLine)].join('\n') + '\n');
	return path;
}

export interface Fingerprint {
	/** Row count and hash of every `monthly_metric` row. */
	metrics: string;
	/** The same of the upload table's own facts (not who uploaded when, which differ by design). */
	uploads: string;
}

export function fingerprint(path: string): Fingerprint {
	const sqlite = new Database(path, { readonly: true, fileMustExist: true });
	try {
		const hash = (sql: string) => {
			const digest = createHash('sha256');
			let rows = 0;
			for (const row of sqlite.prepare(sql).raw().iterate()) {
				digest.update(JSON.stringify(row) + '\n');
				rows++;
			}
			return `${rows} rows, ${digest.digest('hex').slice(0, 16)}`;
		};
		return {
			metrics: hash('select * from monthly_metric order by jobcenter_id, channel_id, month'),
			uploads: hash(
				'select id, sha256, kind, rows_inserted, rows_updated, rows_unchanged from upload order by id'
			)
		};
	} finally {
		sqlite.close();
	}
}

/** SQLite's own check of every page and index, from a connection that may recover the WAL first. */
export function integrity(path: string): string {
	const sqlite = new Database(path, { fileMustExist: true });
	try {
		return sqlite.pragma('integrity_check', { simple: true }) as string;
	} finally {
		sqlite.close();
	}
}

/** Whether some connection holds the write lock: our own attempt to take it fails at once. */
function writeLockHeld(sqlite: Database.Database): boolean {
	try {
		sqlite.exec('begin immediate');
		sqlite.exec('rollback');
		return false;
	} catch (e) {
		if (String((e as { code?: string }).code).startsWith('SQLITE_BUSY')) return true;
		throw e;
	}
}

/** How far the processes `pids` have read `file`: the furthest offset of an open descriptor, or null. */
function readOffset(pids: number[], file: string): number | null {
	let offset: number | null = null;
	for (const pid of pids) {
		let fds: string[];
		try {
			fds = readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		for (const fd of fds) {
			try {
				if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== file) continue;
				const info = readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
				offset = Math.max(offset ?? 0, Number(/^pos:\s*(\d+)/m.exec(info)?.[1] ?? 0));
			} catch {
				// Closed meanwhile.
			}
		}
	}
	return offset;
}

/** Every process in the process group `group` (a CLI started by `startCli`). */
export function groupMembers(group: number): number[] {
	const members: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// Fields after the command name in parentheses: state, parent, process group.
			const [, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(pgrp) === group) members.push(Number(name));
		} catch {
			// Ended meanwhile.
		}
	}
	return members;
}

export interface Pausable {
	pause(): void;
	resume(): void;
	/** Whether the process has ended or answered, so that waiting longer is pointless. */
	done(): boolean;
	/** The processes that may read the file: the server, or every process of a CLI. */
	pids(): number[];
}

/**
 * Waits until the importer holds the database's write lock late in its work, and leaves it paused
 * (SIGSTOP) right there: while it reads the second half of `file`, or once it has closed the file
 * (an importer that validates first and writes afterwards holds the lock only then). Checking the
 * lock again while it is paused makes the moment certain: whatever happens to the importer next
 * happens inside its write transaction, with most of the rows written but none committed.
 */
export async function pauseLateInWrite(
	databasePath: string,
	file: string,
	target: Pausable
): Promise<string> {
	const sqlite = new Database(databasePath, { fileMustExist: true, timeout: 0 });
	const half = statSync(file).size / 2;
	let pids: number[] = [];
	let heldWithoutFile = 0;
	try {
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline && !target.done()) {
			if (writeLockHeld(sqlite)) {
				// The importer exists once some connection holds the lock.
				if (pids.length === 0) pids = target.pids();
				const offset = readOffset(pids, file);
				heldWithoutFile = offset === null ? heldWithoutFile + 1 : 0;
				// Three polls in a row: the lock taken just before the file is opened does not count.
				if ((offset !== null && offset >= half) || heldWithoutFile >= 3) {
					target.pause();
					if (writeLockHeld(sqlite)) {
						return offset === null
							? 'paused holding the write lock after reading the file'
							: `paused holding the write lock at ${Math.round((offset / half) * 50)} % of the file`;
					}
					target.resume();
				}
			} else {
				heldWithoutFile = 0;
			}
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		throw new Error(
			'The importer was never seen holding the write lock late in its work: it ended first (give it a larger file) or never held the lock.'
		);
	} finally {
		sqlite.close();
	}
}

/**
 * A small file system of its own for the database, to fill up: tmpfs where this machine lets the
 * test mount one (root with CAP_SYS_ADMIN, as in CI), else a limit on the size of every file the
 * server writes (`prlimit --fsize`, which Node turns into EFBIG errors rather than a crash).
 */
export class SmallDisk {
	readonly mounted: boolean;
	/** The database on this disk. */
	readonly database: string;
	private filler: string;

	constructor(readonly dir: string) {
		mkdirSync(dir, { recursive: true });
		this.filler = `${dir}/filler`;
		this.database = `${dir}/${DISK_DATABASE}`;
		this.mounted = !process.env.BENCHLEARN_TEST_NO_MOUNT && tryMount(dir);
	}

	/**
	 * Leaves at most `room` bytes free: on the mount for everyone, else for the running server `pid`
	 * (or the processes started by `command()`), whose writes may then reach no further into a file.
	 */
	fill({ pid, room = 0 }: { pid?: number; room?: number } = {}): void {
		this.room = room;
		if (!this.mounted) {
			if (pid !== undefined) execFileSync('prlimit', ['--pid', String(pid), this.limit()]);
			return;
		}
		const fd = openSync(this.filler, 'w');
		const chunk = Buffer.alloc(1 << 20);
		try {
			for (let size = chunk.length; size > 0;) {
				try {
					writeSync(fd, chunk, 0, size);
				} catch (e) {
					if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
					size >>= 1;
				}
			}
		} finally {
			closeSync(fd);
		}
		if (room > 0) truncateSync(this.filler, Math.max(0, statSync(this.filler).size - room));
	}

	free(pid?: number): void {
		if (this.mounted) rmSync(this.filler, { force: true });
		else if (pid !== undefined)
			execFileSync('prlimit', ['--pid', String(pid), '--fsize=unlimited']);
	}

	/** How a new process must start so that the disk is as full for it (after `fill()`). */
	command(command: string, args: string[]): [string, string[]] {
		return this.mounted ? [command, args] : ['prlimit', [this.limit(), command, ...args]];
	}

	private room = 0;

	/** A soft limit, which the test may raise again without privileges; 16 kB fails any commit. */
	private limit(): string {
		return `--fsize=${Math.max(this.room, 16 * 1024)}:unlimited`;
	}

	remove(): void {
		if (this.mounted) execFileSync('umount', ['--lazy', this.dir]);
		rmSync(this.dir, { recursive: true, force: true });
	}
}

const DISK_DATABASE = 'app.db';

function tryMount(dir: string): boolean {
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** Signs in over HTTP and sends the upload page's form actions as a browser without JavaScript would. */
export class WebClient {
	private constructor(
		readonly url: string,
		private readonly cookie: string
	) {}

	static async signIn(url: string, email: string, password: string): Promise<WebClient> {
		const response = await fetch(`${url}/anmelden`, {
			method: 'POST',
			redirect: 'manual',
			headers: { accept: 'text/html', origin: url },
			body: new URLSearchParams({ email, password })
		});
		if (response.status !== 303) throw new Error(`sign-in as ${email} answered ${response.status}`);
		const cookie = response.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		return new WebClient(url, cookie);
	}

	/** The preview's token. */
	async preview(file: string, name: string): Promise<string> {
		const form = new FormData();
		form.set('file', new Blob([readFileSync(file)], { type: 'text/csv' }), name);
		const response = await this.follow(await this.post('/hochladen?/preview', form));
		const location = response.headers.get('location');
		if (response.status !== 303 || !location?.includes('token=')) {
			throw new Error(`the preview of ${name} answered ${response.status}`);
		}
		return new URL(location, this.url).searchParams.get('token')!;
	}

	async commit(token: string): Promise<Response> {
		return this.follow(await this.post(`/hochladen?token=${token}&/commit`, new URLSearchParams()));
	}

	/**
	 * Follows a long check or commit through its status page, as a browser without JavaScript does:
	 * the page answers 200 and refreshes itself while the job runs, and leads on (303) once it is
	 * done; a job that ended with a message stays on the page, which no longer refreshes.
	 */
	private async follow(response: Response): Promise<Response> {
		const location = response.headers.get('location');
		if (response.status !== 303 || !location?.startsWith('/hochladen/status')) return response;
		for (;;) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			const page = await fetch(this.url + location, {
				redirect: 'manual',
				headers: { accept: 'text/html', cookie: this.cookie }
			});
			if (page.status !== 200) return page;
			const html = await page.text();
			if (!html.includes('http-equiv="refresh"')) return new Response(html, { status: 200 });
		}
	}

	private post(path: string, body: FormData | URLSearchParams): Promise<Response> {
		return fetch(this.url + path, {
			method: 'POST',
			redirect: 'manual',
			headers: { accept: 'text/html', origin: this.url, cookie: this.cookie },
			body
		});
	}
}
