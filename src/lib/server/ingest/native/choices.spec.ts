import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { bufferSource } from '../dialect';
import { issueMessage } from '../messages';
import { importNativeFiles } from './native';

const ENV = { BENCHLEARN_TODAY: '2026-11-15' };
const FB_POSTS = 'Dec-01-2024_Mar-15-2025_1099511627776.csv';
const fixture = (name: string) => readFileSync(`tests/fixtures/native/${name}`, 'utf8');

describe('what the user states per file and per upload', () => {
	it('takes a channel per file, so that two untitled daily series may belong to two channels', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const text = fixture('Instagram_Aufrufe.csv').replace('Instagram views', 'Views');
		const result = await importNativeFiles(
			db,
			[
				{ name: 'Views.csv', source: bufferSource(text), channel: 'facebook' },
				{ name: 'Views (1).csv', source: bufferSource(text), channel: 'instagram' }
			],
			{ jobcenterId: id, userId: null, env: ENV, dryRun: true }
		);
		expect(result.files.map((f) => [f.channel, f.title, f.errors.length])).toEqual([
			['facebook', 'Views', 0],
			['instagram', 'Views', 0]
		]);
		expect(result.inserted).toBe(2);
	});

	it("warns when the stated period contradicts the file name's, and says which one was used", async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await importNativeFiles(
			db,
			[{ name: FB_POSTS, source: bufferSource(fixture(FB_POSTS)) }],
			{
				jobcenterId: id,
				userId: null,
				env: ENV,
				dryRun: true,
				period: { from: '2025-01-01', to: '2025-01-31' }
			}
		);
		const [file] = result.files;
		expect(file.period).toMatchObject({
			from: '2024-12-01',
			to: '2025-03-15',
			source: 'file-name'
		});
		expect(file.months).toEqual(['2024-12', '2025-01', '2025-02']);
		const warning = file.warnings.find((w) => w.code === 'native_period_contradicts');
		expect(warning && issueMessage(warning, 'de')).toBe(
			'Im Dateinamen steht der Zeitraum 01.12.2024 bis 15.03.2025, angegeben ist 01.01.2025 bis 31.01.2025. Verwendet wird der Zeitraum aus dem Dateinamen, denn ihn hat die Plattform beim Export geschrieben. Stimmt er nicht, benennen Sie die Datei um.'
		);
	});

	it('reads DD/MM/YYYY after a German re-save as the same days as Meta’s MM/DD/YYYY', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const us = fixture(FB_POSTS);
		// German Excel turns "01/21/2025 14:02" into "21/01/2025 14:02".
		const german = us.replace(/"(\d\d)\/(\d\d)\/(\d{4}) /g, '"$2/$1/$3 ');
		expect(german).toContain('"21/01/2025 14:02"');
		const read = async (text: string) =>
			(
				await importNativeFiles(db, [{ name: FB_POSTS, source: bufferSource(text) }], {
					jobcenterId: id,
					userId: null,
					env: ENV,
					dryRun: true
				})
			).files[0];
		const [fromUs, fromGerman] = [await read(us), await read(german)];
		expect(fromGerman.errors).toEqual([]);
		expect(fromGerman.rows).toEqual(fromUs.rows);
		// 7 January and 21 January are January's two posts, not one in July.
		expect(fromGerman.rows.find((r) => r.month === '2025-01')?.values.posts).toBe(2);
	});
});
