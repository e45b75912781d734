import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import type { DB } from '$lib/server/db';
import { bufferSource } from '$lib/server/ingest/dialect';
import { importFile } from '$lib/server/ingest/ingest';
import { fieldName, fieldOf, formFile, type MonthForm } from './rows.server';

const ENV = { BENCHLEARN_TODAY: '2026-11-25' };

function form(values: Record<string, string>, extra: Partial<MonthForm> = {}): MonthForm {
	return {
		code: '05754',
		month: '2026-10',
		channels: ['facebook', 'instagram', 'tiktok'],
		values,
		stored: new Set(),
		...extra
	};
}

function check(db: DB, jobcenterId: number, csv: string, dryRun: boolean) {
	return importFile(db, bufferSource(csv), {
		fileName: 'Monatsmeldung 2026-10',
		userId: null,
		scope: { jobcenterId, mayImportRegister: false },
		dryRun,
		env: ENV
	});
}

const stored = (db: DB, channel: string) =>
	db
		.selectFrom('monthly_metric')
		.selectAll()
		.where('channel_id', '=', channel)
		.where('month', '=', '2026-10')
		.executeTakeFirst();

describe('formFile', () => {
	it('writes a row per channel with a value or a stored row, in the layout of the template', () => {
		const file = formFile(
			form(
				{ [fieldName('facebook', 'followers')]: ' 1.234 ', [fieldName('tiktok', 'posts')]: '' },
				{ stored: new Set(['tiktok']) }
			),
			'de'
		);
		expect(file.lines).toEqual(['facebook', 'tiktok']);
		expect(file.csv.split('\n')).toEqual([
			'jobcenter;month;channel;followers;posts;impressions;reach;reactions;comments;shares;replies;staff_hours;response_hours',
			'05754;2026-10;facebook;1.234;;;;;;;;;',
			'05754;2026-10;tiktok;;;;;;;;;;',
			''
		]);
	});

	it('reads German numbers and finds each error and warning its field', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const file = formFile(
			form({
				[fieldName('facebook', 'followers')]: '1.234',
				[fieldName('facebook', 'staff_hours')]: '12,5',
				[fieldName('facebook', 'response_hours')]: '2,5',
				[fieldName('instagram', 'posts')]: 'zwölf',
				[fieldName('tiktok', 'staff_hours')]: '450'
			}),
			'de'
		);
		const result = await check(db, id, file.csv, true);
		expect(result.errors.map((e) => [fieldOf(e, file.lines), e.code])).toEqual([
			[{ channel: 'instagram', metric: 'posts' }, 'not_a_number']
		]);
		expect(result.warnings.map((w) => [fieldOf(w, file.lines), w.code])).toEqual([
			[{ channel: 'tiktok', metric: 'staff_hours' }, 'staff_hours_high']
		]);
	});

	it('stores the figures as typed; a cleared field of a stored row clears its value', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		await db
			.insertInto('monthly_metric')
			.values({
				jobcenter_id: id,
				channel_id: 'facebook',
				month: '2026-10',
				followers: 900,
				replies: 4
			})
			.execute();
		const file = formFile(
			form(
				{
					[fieldName('facebook', 'followers')]: '1.234',
					[fieldName('facebook', 'staff_hours')]: '12,5',
					[fieldName('facebook', 'replies')]: ''
				},
				{ stored: new Set(['facebook']) }
			),
			'de'
		);
		const result = await check(db, id, file.csv, false);
		expect(result).toMatchObject({ errorCount: 0, updated: 1, inserted: 0 });
		expect(await stored(db, 'facebook')).toMatchObject({
			followers: 1234,
			staff_hours: 12.5,
			replies: null
		});
		// The empty Instagram and TikTok rows wrote nothing.
		expect(await stored(db, 'instagram')).toBeUndefined();
		// The same form again changes nothing.
		expect(await check(db, id, file.csv, false)).toMatchObject({ updated: 0, unchanged: 1 });
	});

	it('reads English numbers on the English page', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const file = formFile(
			form({
				[fieldName('instagram', 'impressions')]: '12,345',
				[fieldName('instagram', 'staff_hours')]: '7.5'
			}),
			'en'
		);
		expect((await check(db, id, file.csv, false)).errorCount).toBe(0);
		expect(await stored(db, 'instagram')).toMatchObject({ impressions: 12345, staff_hours: 7.5 });
	});

	it('refuses another jobcenter than the scope allows, on the whole form', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const other = await addJobcenter(db, '09162');
		const file = formFile(form({ [fieldName('facebook', 'posts')]: '3' }), 'de');
		const result = await check(db, other, file.csv, true);
		expect(result.errors.map((e) => [e.code, fieldOf(e, file.lines)])).toEqual([
			['unknown_jobcenter', null]
		]);
	});
});
