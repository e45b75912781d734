/**
 * The templates (Vorlagen) as Excel workbooks: the first sheet with the German headers of the
 * alias list, frozen, typed columns and one example row; a second sheet explains every column.
 */
import ExcelJS from 'exceljs';
import { neutralise } from '$lib/server/csv';
import {
	METRICS_COLUMNS,
	REGISTER_COLUMNS,
	REQUIRED_METRICS_FIELDS,
	REQUIRED_REGISTER_FIELDS,
	type MetricsField,
	type RegisterField
} from './aliases';

type Value = string | number | Date;

interface ColumnSpec {
	/** Excel's number format: `@` keeps codes as text, so that `05754` keeps its zero. */
	numFmt: string;
	width: number;
	meaning: string;
}

const COUNT = '#,##0';
const HOURS = '#,##0.0';
const MONTH = 'mm.yyyy';
const TEXT = '@';

const METRICS_SPEC: Record<MetricsField, ColumnSpec> = {
	jobcenter: { numFmt: TEXT, width: 12, meaning: 'Kennung des Jobcenters, z. B. 05754.' },
	month: {
		numFmt: MONTH,
		width: 10,
		meaning:
			'Berichtsmonat: ein Datum (der Tag zählt nicht) oder Text wie 2026-10, 10.2026 oder Okt. 2026. Nur abgeschlossene Monate.'
	},
	channel: {
		numFmt: TEXT,
		width: 14,
		meaning: 'Kanal, z. B. Facebook, Instagram, YouTube, LinkedIn, TikTok, X.'
	},
	followers: { numFmt: COUNT, width: 11, meaning: 'Follower oder Abonnenten am Monatsende.' },
	posts: { numFmt: COUNT, width: 10, meaning: 'Veröffentlichte Beiträge im Monat.' },
	impressions: {
		numFmt: COUNT,
		width: 13,
		meaning: 'Impressionen bzw. Aufrufe („Views“) im Monat.'
	},
	reach: { numFmt: COUNT, width: 12, meaning: 'Erreichte Personen im Monat.' },
	reactions: { numFmt: COUNT, width: 11, meaning: 'Reaktionen und „Gefällt mir“ im Monat.' },
	comments: { numFmt: COUNT, width: 12, meaning: 'Kommentare unter den Beiträgen im Monat.' },
	shares: { numFmt: COUNT, width: 10, meaning: 'Wie oft Beiträge geteilt wurden.' },
	replies: { numFmt: COUNT, width: 11, meaning: 'Antworten des Jobcenters auf Kommentare.' },
	staff_hours: {
		numFmt: HOURS,
		width: 15,
		meaning: 'Arbeitsstunden für den Kanal im Monat, eine Nachkommastelle.'
	},
	response_hours: {
		numFmt: HOURS,
		width: 17,
		meaning:
			'Freiwillig: Median der Stunden bis zur ersten Antwort, eine Nachkommastelle. Eine leere Zelle heißt „nicht erfasst“.'
	}
};

const REGISTER_SPEC: Record<RegisterField, ColumnSpec> = {
	code: { numFmt: TEXT, width: 12, meaning: 'Kennung des Jobcenters, 1 bis 20 Zeichen.' },
	name: { numFmt: TEXT, width: 30, meaning: 'Name des Jobcenters.' },
	state: { numFmt: TEXT, width: 22, meaning: 'Bundesland, z. B. NW oder Nordrhein-Westfalen.' },
	carrier: { numFmt: TEXT, width: 12, meaning: 'Trägerform: gE oder zkT.' },
	elb: { numFmt: COUNT, width: 10, meaning: 'Erwerbsfähige Leistungsberechtigte (eLb).' },
	ring: { numFmt: TEXT, width: 16, meaning: 'Vergleichsring; leer heißt „kein Ring“.' },
	valid_from: { numFmt: MONTH, width: 11, meaning: 'Monat, ab dem die eLb-Zahl gilt.' }
};

/** The first of `month` (`YYYY-MM`) as Excel's date cell: midnight UTC is the day exceljs writes. */
function monthDate(month: string): Date {
	return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
}

async function templateWorkbook<F extends string>(
	sheetName: string,
	fields: F[],
	headers: Record<F, string[]>,
	spec: Record<F, ColumnSpec>,
	required: F[],
	example: Record<F, Value>
): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Benchlearn';
	const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = fields.map((f) => ({
		header: neutralise(headers[f][0]),
		key: f,
		width: spec[f].width,
		style: { numFmt: spec[f].numFmt }
	}));
	sheet.getRow(1).font = { bold: true };
	sheet.addRow(fields.map((f) => cellOf(example[f])));

	const help = workbook.addWorksheet('Erläuterungen');
	help.columns = [
		{ header: 'Spalte', width: 22 },
		{ header: 'Pflicht', width: 9 },
		{ header: 'Bedeutung', width: 80 },
		{ header: 'Auch erkannt als', width: 40 }
	];
	help.getRow(1).font = { bold: true };
	help.addRow([
		'Hinweis',
		'',
		`Benchlearn liest nur das erste Blatt („${sheetName}“), ab der Kopfzeile. Zahlen als Zahlen eintragen, ohne Einheit. Dieses Blatt wird nicht gelesen.`,
		''
	]);
	for (const f of fields) {
		help.addRow(
			[
				headers[f][0],
				required.includes(f) ? 'ja' : 'nein',
				spec[f].meaning,
				[f, ...headers[f].slice(1)].join(', ')
			].map(neutralise)
		);
	}
	help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellOf(value: Value): Value {
	return typeof value === 'string' ? neutralise(value) : value;
}

/** `code` is the example row's jobcenter (a jobcenter user's own), `month` a month that may be reported. */
export function metricsWorkbook(code: string, month: string): Promise<Buffer> {
	const fields = Object.keys(METRICS_COLUMNS) as MetricsField[];
	return templateWorkbook(
		'Kennzahlen',
		fields,
		METRICS_COLUMNS,
		METRICS_SPEC,
		REQUIRED_METRICS_FIELDS,
		{
			jobcenter: code,
			month: monthDate(month),
			channel: 'Facebook',
			followers: 1234,
			posts: 12,
			impressions: 45678,
			reach: 30000,
			reactions: 800,
			comments: 120,
			shares: 40,
			replies: 100,
			staff_hours: 12.5,
			response_hours: 2.5
		}
	);
}

export function registerWorkbook(code: string, month: string): Promise<Buffer> {
	const fields = Object.keys(REGISTER_COLUMNS) as RegisterField[];
	return templateWorkbook(
		'Jobcenter',
		fields,
		REGISTER_COLUMNS,
		REGISTER_SPEC,
		REQUIRED_REGISTER_FIELDS,
		{
			code,
			name: 'Jobcenter Musterstadt',
			state: 'Nordrhein-Westfalen',
			carrier: 'gE',
			elb: 12345,
			ring: 'Ring West',
			valid_from: monthDate(month)
		}
	);
}
