/** Every ingest problem as a stable code with a German and an English sentence the user can act on. */
import type { Metric } from '$lib/server/db/schema';
import { METRICS_COLUMNS } from './aliases';
import { MAX_RECORD_CHARS, type SyntaxReason } from './records';

export type Lang = 'de' | 'en';

export const ERROR_CODES = [
	'unreadable_csv',
	'unreadable_workbook',
	'workbook_too_large',
	'empty_sheet',
	'no_rows',
	'unknown_kind',
	'missing_column',
	'duplicate_column',
	'too_many_columns',
	'mixed_number_format',
	'register_not_allowed',
	'missing_value',
	'extra_cells',
	'unknown_jobcenter',
	'unknown_channel',
	'bad_month',
	'future_month',
	'too_early',
	'not_a_number',
	'negative',
	'fractional_count',
	'too_many_decimals',
	'too_large',
	'bad_code',
	'unknown_state',
	'unknown_carrier',
	'not_positive',
	'duplicate_key',
	'duplicate_code',
	'too_many_issues',
	'native_wrapped_lines',
	'native_no_period',
	'native_no_complete_month',
	'native_channel_needed',
	'native_channel_contradicts',
	'native_bad_date',
	'native_conflict',
	'native_too_long',
	'native_unknown_format'
] as const;

export const WARNING_CODES = [
	'unknown_header',
	'code_leading_zero',
	'followers_jump',
	'interactions_above_impressions',
	'replies_above_comments',
	'staff_hours_high',
	'response_hours_high',
	'native_not_used',
	'native_missing_days',
	'native_views_differ',
	'native_outside_period',
	'native_overridden',
	'native_partial_month',
	'native_current_month',
	'native_period_contradicts'
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type WarningCode = (typeof WARNING_CODES)[number];
export type IssueCode = ErrorCode | WarningCode;

/** One problem, where a spreadsheet shows it: line 1 is the header, `column` is the file's own header text. */
export interface Issue {
	line: number | null;
	column: string | null;
	value: string | null;
	code: IssueCode;
	/** Details for the sentence, such as the earlier line of a duplicate. */
	detail?: string;
	/** In a workbook: the sheet, and the column's letter as Excel shows it (`C`). */
	sheet?: string;
	cell?: string;
	/** In a platform export: the month a figure's warning is about. */
	month?: string;
}

/** `0` → `A`, `27` → `AB`, as Excel names its columns. */
export function columnLetter(index: number): string {
	let letters = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	}
	return letters;
}

/**
 * Where a workbook's issue is, as Excel shows it, with the column's header text:
 * `Blatt „Kennzahlen“, Zeile 5, Spalte C („Reichweite“)`.
 */
export function workbookLocation(issue: Issue, lang: Lang): string | null {
	if (issue.sheet === undefined) return null;
	const en = lang === 'en';
	const quote = (text: string) => (en ? `"${text}"` : `„${text}“`);
	const named = issue.column !== null && !issue.column.startsWith('#');
	const column =
		issue.cell === undefined
			? named
				? quote(issue.column as string)
				: null
			: `${issue.cell}${named ? ` (${quote(issue.column as string)})` : ''}`;
	return [
		`${en ? 'Sheet' : 'Blatt'} ${quote(issue.sheet)}`,
		issue.line === null ? null : `${en ? 'row' : 'Zeile'} ${issue.line}`,
		column === null ? null : `${en ? 'column' : 'Spalte'} ${column}`
	]
		.filter(Boolean)
		.join(', ');
}

type Sentence = (detail: string) => string;

/** A native export's details come as `a|b|c`: dates `YYYY-MM-DD`, months `YYYY-MM`, metric ids. */
const parts = (detail: string) => detail.split('|');
const MONTH_NAMES = {
	de: new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
	en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
};
const DATES = {
	de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }),
	en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })
};
/** `2025-01` → `Januar 2025`; `2025-01-14` → `14.01.2025`. */
export function monthName(month: string, lang: Lang): string {
	return MONTH_NAMES[lang].format(new Date(`${month}-01T00:00:00Z`));
}
export function dateName(day: string, lang: Lang): string {
	return DATES[lang].format(new Date(`${day}T00:00:00Z`));
}
/** A metric as the German template's header names it (`Reichweite`), or its id in English. */
const metricName = (metric: string, lang: Lang) =>
	lang === 'en' ? metric : (METRICS_COLUMNS[metric as Metric]?.[0] ?? metric);
const de =
	(make: (p: string[]) => string): Sentence =>
	(d) =>
		make(parts(d));

/** More columns than any template or platform export has; a wider header is refused before anything else. */
export const MAX_COLUMNS = 200;

/** What a workbook may unpack to: far above the 20 MB a CSV upload holds as XML, far below a zip bomb. */
export const MAX_UNPACKED_MB = 512;

const SYNTAX_REASONS: Record<SyntaxReason, [de: string, en: string]> = {
	quote_not_closed: [
		'ein Anführungszeichen wird bis zum Dateiende nicht geschlossen',
		'a quotation mark is never closed'
	],
	text_after_quote: [
		'nach einem schließenden Anführungszeichen folgt noch Text im selben Feld',
		'text follows a closing quotation mark in the same field'
	],
	line_too_long: [
		`eine Zeile ist länger als ${MAX_RECORD_CHARS / (1 << 20)} Mio. Zeichen`,
		`a line is longer than ${MAX_RECORD_CHARS / (1 << 20)} million characters`
	]
};

const MESSAGES: Record<IssueCode, [de: Sentence, en: Sentence]> = {
	unreadable_csv: [
		(d) =>
			`Die Datei ist kein lesbares CSV (${SYNTAX_REASONS[d as SyntaxReason]?.[0] ?? d}). Bitte prüfen Sie die Anführungszeichen.`,
		(d) =>
			`The file is not readable CSV (${SYNTAX_REASONS[d as SyntaxReason]?.[1] ?? d}). Please check the quotation marks.`
	],
	unreadable_workbook: [
		() =>
			'Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx): Sie ist beschädigt oder ein anderes ZIP-Archiv. Bitte speichern Sie sie in Excel erneut als „Excel-Arbeitsmappe (*.xlsx)“ oder als CSV.',
		() =>
			'The file is not a readable Excel workbook (.xlsx): it is damaged or another ZIP archive. Please save it again in Excel as "Excel Workbook (*.xlsx)" or as CSV.'
	],
	workbook_too_large: [
		() =>
			`Die Arbeitsmappe ist ausgepackt zu groß (mehr als ${MAX_UNPACKED_MB} MB). Bitte laden Sie nur das Blatt mit den Kennzahlen hoch, etwa als CSV, oder teilen Sie es auf.`,
		() =>
			`The workbook is too large unpacked (more than ${MAX_UNPACKED_MB} MB). Please upload only the sheet with the figures, e.g. as CSV, or split it.`
	],
	empty_sheet: [
		() =>
			'Das erste Blatt der Arbeitsmappe ist leer. Benchlearn liest nur das erste Blatt: Bitte ziehen Sie das Blatt mit den Kennzahlen in Excel ganz nach links.',
		() =>
			'The first sheet of the workbook is empty. Benchlearn reads only the first sheet: please drag the sheet with the figures to the far left in Excel.'
	],
	no_rows: [
		() => 'Die Datei enthält keine Datenzeilen unter der Kopfzeile.',
		() => 'The file holds no data rows below the header.'
	],
	unknown_kind: [
		() =>
			'Die Art der Datei ist nicht erkennbar: Monatsdaten brauchen eine Spalte „Monat“, ein Jobcenter-Verzeichnis eine Spalte „Name“.',
		() =>
			'The kind of file cannot be recognised: monthly figures need a "month" column, a jobcenter register a "name" column.'
	],
	missing_column: [
		(d) => `Die Pflichtspalte „${d}“ fehlt.`,
		(d) => `The required column "${d}" is missing.`
	],
	duplicate_column: [
		(d) => `Die Spalte „${d}“ kommt mehrfach vor.`,
		(d) => `The column "${d}" appears more than once.`
	],
	too_many_columns: [
		() =>
			`Die Kopfzeile hat mehr als ${MAX_COLUMNS} Spalten. Bitte laden Sie nur die Spalten der Vorlage hoch.`,
		() =>
			`The header has more than ${MAX_COLUMNS} columns. Please upload only the columns of the template.`
	],
	mixed_number_format: [
		(d) =>
			`Die Zahlen sind uneinheitlich geschrieben (deutsch wie „1.234,5“ und englisch wie „1,234.5“; siehe auch Zeile ${d}). Bitte vereinheitlichen Sie das Zahlenformat.`,
		(d) =>
			`The numbers are written inconsistently (German like "1.234,5" and English like "1,234.5"; see also line ${d}). Please use one number format.`
	],
	register_not_allowed: [
		() => 'Das Jobcenter-Verzeichnis dürfen nur Administration und Analyse hochladen.',
		() => 'Only administrators and analysts may upload the jobcenter register.'
	],
	missing_value: [() => 'Der Wert fehlt.', () => 'The value is missing.'],
	extra_cells: [
		() => 'Die Zeile hat mehr Zellen als die Kopfzeile.',
		() => 'The line has more cells than the header.'
	],
	unknown_jobcenter: [() => 'Unbekannte Jobcenter-Kennung.', () => 'Unknown jobcenter code.'],
	unknown_channel: [() => 'Unbekannter Kanal.', () => 'Unknown channel.'],
	bad_month: [
		() => 'Der Monat ist nicht lesbar (z. B. 2026-01, 01.2026 oder Januar 2026).',
		() => 'The month cannot be read (e.g. 2026-01, 01.2026 or January 2026).'
	],
	future_month: [() => 'Der Monat liegt in der Zukunft.', () => 'The month lies in the future.'],
	too_early: [() => 'Der Monat liegt vor 2010.', () => 'The month lies before 2010.'],
	not_a_number: [() => 'Keine Zahl.', () => 'Not a number.'],
	negative: [() => 'Der Wert ist negativ.', () => 'The value is negative.'],
	fractional_count: [
		() => 'Eine Anzahl muss eine ganze Zahl sein.',
		() => 'A count must be a whole number.'
	],
	too_many_decimals: [
		() => 'Zu viele Nachkommastellen: bitte auf eine Stelle runden (z. B. 2,5).',
		() => 'Too many decimals: please round to one place (e.g. 2.5).'
	],
	too_large: [() => 'Der Wert ist zu groß.', () => 'The value is too large.'],
	bad_code: [() => 'Eine Kennung hat 1 bis 20 Zeichen.', () => 'A code has 1 to 20 characters.'],
	unknown_state: [
		() => 'Unbekanntes Bundesland (z. B. NW oder Nordrhein-Westfalen).',
		() => 'Unknown Land (e.g. NW or Nordrhein-Westfalen).'
	],
	unknown_carrier: [
		() => 'Unbekannte Trägerform (gE oder zkT).',
		() => 'Unknown carrier type (gE or zkT).'
	],
	not_positive: [
		() => 'Der Wert muss größer als 0 sein.',
		() => 'The value must be greater than 0.'
	],
	duplicate_code: [
		(d) => `Doppelte Kennung: dasselbe Jobcenter steht schon in Zeile ${d}.`,
		(d) => `Duplicate code: the same jobcenter is already in line ${d}.`
	],
	duplicate_key: [
		(d) => `Doppelte Zeile: gleiches Jobcenter, gleicher Kanal und Monat wie in Zeile ${d}.`,
		(d) => `Duplicate row: same jobcenter, channel and month as in line ${d}.`
	],
	too_many_issues: [
		(d) => `Zu viele Fehler; ${d} weitere werden nicht einzeln aufgeführt.`,
		(d) => `Too many errors; ${d} more are not listed one by one.`
	],
	native_wrapped_lines: [
		() =>
			'Jede Zeile dieser Datei steht als Ganzes in einem einzigen Feld in Anführungszeichen. So speichern manche Programme einen Export beim erneuten Speichern; Spalten und Zahlen lassen sich daraus nicht sicher lesen. Bitte exportieren Sie die Datei erneut aus der Plattform und laden Sie sie unverändert hoch.',
		() =>
			'Every line of this file stands as a whole in one quoted field. Some programs save an export like this when it is saved again; its columns and numbers cannot be read safely. Please export the file again from the platform and upload it unchanged.'
	],
	native_no_period: [
		() =>
			'Der Zeitraum des Exports steht nicht im Dateinamen. Ohne ihn ist nicht erkennbar, welche Monate vollständig sind. Bitte geben Sie an, von welchem bis zu welchem Tag der Export reicht (Felder „Von“ und „Bis“, in der Befehlszeile --from und --to).',
		() =>
			'The period of the export is not in the file name. Without it, no month can be known to be complete. Please state from which day to which day the export runs (fields "From" and "To", on the command line --from and --to).'
	],
	native_no_complete_month: [
		(d) => {
			const [from, to] = parts(d);
			return `Die Datei deckt den Zeitraum ${dateName(from, 'de')} bis ${dateName(to, 'de')} ab. Darin liegt kein vollständiger, abgeschlossener Kalendermonat, es wird also nichts gespeichert. Bitte exportieren Sie ganze Monate, vom ersten bis zum letzten Tag.`;
		},
		(d) => {
			const [from, to] = parts(d);
			return `The file covers ${dateName(from, 'en')} to ${dateName(to, 'en')}. No complete, finished calendar month lies in it, so nothing is stored. Please export whole months, from the first to the last day.`;
		}
	],
	native_channel_needed: [
		() =>
			'Aus der Datei geht nicht hervor, zu welchem Kanal sie gehört. Bitte wählen Sie den Kanal (in der Befehlszeile --channel).',
		() =>
			'The file does not say which channel it belongs to. Please choose the channel (on the command line --channel).'
	],
	native_channel_contradicts: [
		de(
			([given, file]) =>
				`Angegeben ist der Kanal „${given}“, die Datei ist aber ein Export von „${file}“.`
		),
		(d) => {
			const [given, file] = parts(d);
			return `The channel "${given}" was given, but the file is an export of "${file}".`;
		}
	],
	native_bad_date: [() => 'Das Datum ist nicht lesbar.', () => 'The date cannot be read.'],
	native_conflict: [
		de(
			([metric, month, other]) =>
				`Für ${metricName(metric, 'de')} im ${monthName(month, 'de')} bringt auch die Datei „${other}“ einen anderen Wert. Bitte laden Sie nur eine der beiden Dateien hoch.`
		),
		(d) => {
			const [metric, month, other] = parts(d);
			return `The file "${other}" also brings a different value for ${metric} in ${monthName(month, 'en')}. Please upload only one of the two files.`;
		}
	],
	native_too_long: [
		(d) =>
			`Die Datei hat mehr als ${d} Zeilen; so lange Exporte liest Benchlearn nicht. Bitte exportieren Sie einen kürzeren Zeitraum.`,
		(d) =>
			`The file has more than ${d} lines; Benchlearn does not read exports that long. Please export a shorter period.`
	],
	native_unknown_format: [
		() =>
			'Die Datei ist kein bekannter Export einer Plattform (Meta Business Suite, X, TikTok, YouTube Studio). Mehrere Dateien auf einmal gehen nur mit solchen Exporten; eine Datei im Benchlearn-Format laden Sie bitte einzeln hoch.',
		() =>
			"The file is not a known platform export (Meta Business Suite, X, TikTok, YouTube Studio). Several files at once work only with such exports; please upload a file in Benchlearn's own layout on its own."
	],
	native_not_used: [
		de(
			([name]) =>
				`Die Datei enthält die Kennzahl „${name}“. Benchlearn verwendet sie nicht; aus dieser Datei wird nichts gespeichert.${/follow/i.test(name) ? ' (Follows sind neue Follows, nicht die Zahl der Follower.)' : ''}`
		),
		(d) => {
			const [name] = parts(d);
			return `The file holds the figure "${name}". Benchlearn does not use it; nothing of this file is stored.${/follow/i.test(name) ? ' (Follows are new follows, not the follower count.)' : ''}`;
		}
	],
	native_missing_days: [
		de(
			([month, metric, n, unit]) =>
				`${metricName(metric, 'de')} fehlt im ${monthName(month, 'de')} ${unit === 'days' ? `an ${n} Tag(en)` : `bei ${n} Beitrag/Beiträgen`} (leer, „--“ oder „N/A“). Die Kennzahl bleibt für diesen Monat leer; ein gespeicherter Wert bleibt, wie er ist.`
		),
		(d) => {
			const [month, metric, n, unit] = parts(d);
			return `${metric} lacks a value ${unit === 'days' ? `on ${n} day(s)` : `for ${n} post(s)`} of ${monthName(month, 'en')} (empty, "--" or "N/A"). The metric stays empty for that month; a stored value stays as it is.`;
		}
	],
	native_views_differ: [
		() =>
			'Die Datei hat zwei Spalten „Views“ mit verschiedenen Werten. Benchlearn verwendet die erste.',
		() => 'The file has two "Views" columns with different values. Benchlearn uses the first.'
	],
	native_outside_period: [
		() =>
			'Der Beitrag liegt außerhalb des Zeitraums des Exports und wird nicht gezählt. Stimmt der Zeitraum?',
		() => 'The post lies outside the period of the export and is not counted. Is the period right?'
	],
	native_overridden: [
		de(
			([metric, month, other]) =>
				`${metricName(metric, 'de')} im ${monthName(month, 'de')} kommt aus der Tagesreihe „${other}“; die Summe der Beiträge dieser Datei wird dafür nicht verwendet.`
		),
		(d) => {
			const [metric, month, other] = parts(d);
			return `${metric} in ${monthName(month, 'en')} comes from the daily series "${other}"; this file's sum over posts is not used for it.`;
		}
	],
	native_partial_month: [
		de(
			([month, from, to, days, total]) =>
				`${monthName(month, 'de')} ist nur teilweise enthalten (${days} von ${total} Tagen, ${dateName(from, 'de')} bis ${dateName(to, 'de')}) und wird nicht gespeichert.`
		),
		(d) => {
			const [month, from, to, days, total] = parts(d);
			return `${monthName(month, 'en')} is only partly covered (${days} of ${total} days, ${dateName(from, 'en')} to ${dateName(to, 'en')}) and is not stored.`;
		}
	],
	native_current_month: [
		de(
			([month]) =>
				`${monthName(month, 'de')} ist noch nicht abgeschlossen und wird nicht gespeichert.`
		),
		(d) => `${monthName(parts(d)[0], 'en')} has not ended yet and is not stored.`
	],
	native_period_contradicts: [
		de(
			([nf, nt, sf, st]) =>
				`Im Dateinamen steht der Zeitraum ${dateName(nf, 'de')} bis ${dateName(nt, 'de')}, angegeben ist ${dateName(sf, 'de')} bis ${dateName(st, 'de')}. Verwendet wird der Zeitraum aus dem Dateinamen, denn ihn hat die Plattform beim Export geschrieben. Stimmt er nicht, benennen Sie die Datei um.`
		),
		(d) => {
			const [nf, nt, sf, st] = parts(d);
			return `The file name carries the period ${dateName(nf, 'en')} to ${dateName(nt, 'en')}, the period given is ${dateName(sf, 'en')} to ${dateName(st, 'en')}. The file name's period is used, as the platform wrote it when exporting. If it is wrong, rename the file.`;
		}
	],
	unknown_header: [
		() => 'Unbekannte Spalte; sie wird ignoriert.',
		() => 'Unknown column; it is ignored.'
	],
	code_leading_zero: [
		(d) => `Kennung ohne führende Null gelesen als ${d} (auch in allen weiteren Zeilen).`,
		(d) => `Code without its leading zero read as ${d} (also in all further lines).`
	],
	followers_jump: [
		(d) => `Die Follower ändern sich um mehr als 50 % gegenüber dem Vormonat (${d}).`,
		(d) => `Followers change by more than 50 % against the previous month (${d}).`
	],
	interactions_above_impressions: [
		() => 'Mehr Interaktionen (Reaktionen + Kommentare + Geteilt) als Impressionen.',
		() => 'More interactions (reactions + comments + shares) than impressions.'
	],
	replies_above_comments: [
		() => 'Mehr als 50 Antworten über der Zahl der Kommentare.',
		() => 'More than 50 replies above the number of comments.'
	],
	staff_hours_high: [
		() => 'Mehr als 400 Personalstunden in einem Monat.',
		() => 'More than 400 staff hours in one month.'
	],
	response_hours_high: [
		() =>
			'Eine Antwortzeit über 14 Tagen (336 Std.). Ist der Wert in Stunden angegeben, nicht in Minuten?',
		() => 'An answer time above 14 days (336 h). Is the value given in hours, not in minutes?'
	]
};

export function isWarning(code: IssueCode): code is WarningCode {
	return (WARNING_CODES as readonly string[]).includes(code);
}

export function issueMessage(issue: Issue, lang: Lang): string {
	return MESSAGES[issue.code][lang === 'en' ? 1 : 0](issue.detail ?? '');
}

/** Why a file cannot be read as text at all; the CLI says it in the language of `--lang`. */
const UNREADABLE: Record<'empty' | 'binary', [de: string, en: string]> = {
	empty: ['Die Datei ist leer.', 'The file is empty.'],
	binary: [
		'Die Datei ist weder eine Textdatei (CSV) noch eine Excel-Arbeitsmappe (.xlsx), sondern eine andere Binärdatei, etwa eine alte .xls-Datei.',
		'The file is not a text file (CSV) nor an Excel workbook (.xlsx); it looks like another binary file such as an old .xls.'
	]
};

export function unreadableMessage(reason: 'empty' | 'binary', lang: Lang): string {
	return UNREADABLE[reason][lang === 'en' ? 1 : 0];
}
