import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { dumpTables } from '$lib/server/db/dump';
import type { DB } from '$lib/server/db';
import { bufferSource, UnreadableFile } from './dialect';
import { importFile } from './ingest';

const RUNS = { seed: 20261125, numRuns: 120 };
const CODES = ['05754', '01002'];
const CHANNELS = [
	'facebook',
	'FB',
	'Insta',
	'Twitter',
	'X (Twitter)',
	'YT',
	'LinkedIn',
	'WhatsApp-Kanal'
];
const MONTH_FORMATS = [
	(y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`,
	(y: number, m: number) => `${String(m).padStart(2, '0')}.${y}`,
	(y: number, m: number) => `${m}/${y}`,
	(y: number, m: number) =>
		`${['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'][m - 1]} ${y}`
];

function importBytes(db: DB, bytes: Buffer) {
	return importFile(db, bufferSource(bytes), {
		fileName: 'random.csv',
		userId: null,
		scope: { jobcenterId: null, mayImportRegister: true },
		env: { BENCHLEARN_TODAY: '2026-11-25' }
	});
}

/** Imports anything; whatever happens, a failure must leave every table as it was. */
async function importSafely(db: DB, bytes: Buffer) {
	const before = await dumpTables(db);
	try {
		const result = await importBytes(db, bytes);
		if (result.errorCount > 0) {
			expect(result.uploadId).toBeNull();
			expect(result.errors.every((e) => e.code && typeof e.line !== 'undefined')).toBe(true);
			expect(await dumpTables(db)).toEqual(before);
		} else {
			expect(result.uploadId).not.toBeNull();
		}
		return result;
	} catch (e) {
		expect(e).toBeInstanceOf(UnreadableFile);
		expect(await dumpTables(db)).toEqual(before);
		return null;
	}
}

async function database(): Promise<DB> {
	const db = await testDatabase();
	for (const code of CODES) await addJobcenter(db, code);
	return db;
}

function group(n: number, sep: string): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

const validFile = fc
	.record({
		delimiter: fc.constantFrom(';', ',', '\t'),
		crlf: fc.boolean(),
		windows: fc.boolean(),
		rows: fc.uniqueArray(
			fc.record({
				code: fc.constantFrom(...CODES),
				channel: fc.integer({ min: 0, max: CHANNELS.length - 1 }),
				year: fc.integer({ min: 2010, max: 2025 }),
				month: fc.integer({ min: 1, max: 12 }),
				format: fc.integer({ min: 0, max: MONTH_FORMATS.length - 1 }),
				followers: fc.option(fc.integer({ min: 0, max: 5_000_000 })),
				hours: fc.option(fc.integer({ min: 0, max: 4000 }))
			}),
			{
				minLength: 1,
				maxLength: 20,
				// Aliases of one channel are the same key: FB is facebook, Twitter is X.
				selector: (r) => `${r.code}|${[0, 0, 1, 2, 2, 3, 4, 5][r.channel]}|${r.year}-${r.month}`
			}
		)
	})
	.map(({ delimiter, crlf, windows, rows }) => {
		const german = delimiter === ';';
		const cell = (text: string) =>
			text.includes(delimiter) || text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text;
		const lines = ['Jobcenter;Monat;Kanal;Follower;Personalstunden'.split(';').join(delimiter)];
		for (const r of rows) {
			const hours =
				r.hours === null ? '' : (r.hours / 10).toFixed(1).replace('.', german ? ',' : '.');
			const followers = r.followers === null ? '' : group(r.followers, german ? '.' : ',');
			const month = MONTH_FORMATS[r.format](r.year, r.month);
			lines.push([r.code, month, CHANNELS[r.channel], followers, hours].map(cell).join(delimiter));
		}
		const text = lines.join(crlf ? '\r\n' : '\n') + '\n';
		return { rows, bytes: windows ? iconv.encode(text, 'win1252') : Buffer.from(text) };
	});

describe('property: importing never crashes and never writes half a file', () => {
	it('imports every valid file in any dialect completely', async () => {
		const db = await database();
		await fc.assert(
			fc.asyncProperty(validFile, async ({ rows, bytes }) => {
				const result = await importSafely(db, bytes);
				expect(result?.errors).toEqual([]);
				expect(result!.inserted + result!.updated + result!.unchanged).toBe(rows.length);
			}),
			RUNS
		);
	});

	it('ends mangled files in clear errors or a complete import', async () => {
		const db = await database();
		const mangled = fc
			.tuple(
				validFile,
				fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.string({ maxLength: 6 })), {
					maxLength: 6
				})
			)
			.map(([{ bytes }, edits]) => {
				let text = bytes.toString('latin1');
				for (const [at, cut, insert] of edits) {
					const i = at % (text.length + 1);
					text = text.slice(0, i) + insert + text.slice(i + cut);
				}
				return Buffer.from(text, 'latin1');
			});
		await fc.assert(
			fc.asyncProperty(mangled, async (bytes) => void (await importSafely(db, bytes))),
			RUNS
		);
	});

	it('survives arbitrary bytes and text', async () => {
		const db = await database();
		const anything = fc.oneof(
			fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
			fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)),
			fc
				.array(
					fc.array(
						fc.constantFrom(
							'jobcenter',
							'Monat',
							'channel',
							'05754',
							'2026-01',
							'FB',
							'1,5',
							'"',
							''
						),
						{ maxLength: 6 }
					),
					{ maxLength: 6 }
				)
				.map((rows) => Buffer.from(rows.map((r) => r.join(';')).join('\n')))
		);
		await fc.assert(
			fc.asyncProperty(anything, async (bytes) => void (await importSafely(db, bytes))),
			RUNS
		);
	});
});
