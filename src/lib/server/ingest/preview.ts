/** Shapes a dry run's problems for people: grouped by reason with counts, and as a CSV that German Excel opens. */
import { excelCsv } from '$lib/server/csv';
import type { CodeCounts } from './issues';
import { isWarning, issueMessage, type Issue, type IssueCode, type Lang } from './messages';

/** A workbook's column as Excel names it, with its header text: `C (Reichweite)`. */
function columnOf(issue: Issue): string | null {
	if (issue.cell === undefined) return issue.column;
	return issue.column === null || issue.column.startsWith('#')
		? issue.cell
		: `${issue.cell} (${issue.column})`;
}

/** Short names of the reasons, for "37 × Unbekannter Kanal"; the full sentences stay in messages.ts. */
const REASONS: Record<IssueCode, [de: string, en: string]> = {
	unreadable_csv: ['Kein lesbares CSV', 'Not readable CSV'],
	unreadable_workbook: ['Keine lesbare Arbeitsmappe', 'Not a readable workbook'],
	workbook_too_large: ['Arbeitsmappe zu groß', 'Workbook too large'],
	empty_sheet: ['Erstes Blatt leer', 'First sheet empty'],
	no_rows: ['Keine Datenzeilen', 'No data rows'],
	unknown_kind: ['Art der Datei nicht erkennbar', 'Kind of file not recognisable'],
	missing_column: ['Pflichtspalte fehlt', 'Required column missing'],
	duplicate_column: ['Spalte mehrfach vorhanden', 'Column appears twice'],
	too_many_columns: ['Zu viele Spalten', 'Too many columns'],
	mixed_number_format: ['Uneinheitliches Zahlenformat', 'Inconsistent number format'],
	register_not_allowed: ['Verzeichnis nicht erlaubt', 'Register not allowed'],
	missing_value: ['Wert fehlt', 'Value missing'],
	extra_cells: ['Mehr Zellen als Spalten', 'More cells than columns'],
	unknown_jobcenter: ['Unbekannte Jobcenter-Kennung', 'Unknown jobcenter code'],
	unknown_channel: ['Unbekannter Kanal', 'Unknown channel'],
	bad_month: ['Monat nicht lesbar', 'Month not readable'],
	future_month: ['Monat in der Zukunft', 'Month in the future'],
	too_early: ['Monat vor 2010', 'Month before 2010'],
	not_a_number: ['Keine Zahl', 'Not a number'],
	negative: ['Negativer Wert', 'Negative value'],
	fractional_count: ['Anzahl mit Nachkommastellen', 'Count with decimals'],
	too_many_decimals: ['Mehr als eine Nachkommastelle', 'More than one decimal'],
	too_large: ['Wert zu groß', 'Value too large'],
	bad_code: ['Kennung zu lang', 'Code too long'],
	unknown_state: ['Unbekanntes Bundesland', 'Unknown Land'],
	unknown_carrier: ['Unbekannte Trägerform', 'Unknown carrier type'],
	not_positive: ['Wert nicht größer als 0', 'Value not above 0'],
	duplicate_key: ['Doppelte Zeile', 'Duplicate row'],
	duplicate_code: ['Doppelte Kennung', 'Duplicate code'],
	too_many_issues: ['Weitere Fehler', 'More errors'],
	native_wrapped_lines: ['Zeilen in Anführungszeichen verpackt', 'Lines wrapped in quotes'],
	native_no_period: ['Zeitraum fehlt', 'Period missing'],
	native_no_complete_month: ['Kein vollständiger Monat', 'No complete month'],
	native_channel_needed: ['Kanal fehlt', 'Channel missing'],
	native_channel_contradicts: ['Kanal widerspricht der Datei', 'Channel contradicts the file'],
	native_bad_date: ['Datum nicht lesbar', 'Date not readable'],
	native_conflict: ['Zwei Dateien, verschiedene Werte', 'Two files, different values'],
	native_too_long: ['Datei zu lang', 'File too long'],
	native_unknown_format: ['Kein bekannter Export', 'Not a known export'],
	unknown_header: ['Unbekannte Spalte', 'Unknown column'],
	code_leading_zero: ['Kennung ohne führende Null', 'Code without leading zero'],
	followers_jump: ['Follower-Sprung über 50 %', 'Followers jump above 50 %'],
	interactions_above_impressions: [
		'Mehr Interaktionen als Impressionen',
		'More interactions than impressions'
	],
	replies_above_comments: ['Mehr Antworten als Kommentare', 'More replies than comments'],
	staff_hours_high: ['Über 400 Personalstunden', 'Above 400 staff hours'],
	response_hours_high: ['Antwortzeit über 14 Tage', 'Answer time above 14 days'],
	native_not_used: ['Kennzahl nicht verwendet', 'Figure not used'],
	native_missing_days: ['Werte fehlen', 'Values missing'],
	native_views_differ: ['Zwei Spalten „Views“', 'Two "Views" columns'],
	native_outside_period: ['Außerhalb des Zeitraums', 'Outside the period'],
	native_overridden: ['Aus der Tagesreihe', 'From the daily series'],
	native_partial_month: ['Monat unvollständig', 'Month incomplete'],
	native_current_month: ['Monat nicht abgeschlossen', 'Month not finished'],
	native_period_contradicts: [
		'Zeitraum widerspricht dem Dateinamen',
		'Period contradicts the file name'
	]
};

export function reasonOf(code: IssueCode, lang: Lang): string {
	return REASONS[code][lang === 'en' ? 1 : 0];
}

export interface ReasonGroup {
	code: IssueCode;
	reason: string;
	count: number;
}

/**
 * One entry per reason, the most frequent first; ties keep the order in which they first occur.
 * `counts` are each code's count when `issues` holds only the first ones (`bounded.ts`).
 */
export function groupByReason(issues: Issue[], lang: Lang, counts?: CodeCounts): ReasonGroup[] {
	const groups = new Map<IssueCode, ReasonGroup>();
	for (const { code } of issues) {
		const group = groups.get(code);
		if (group) group.count++;
		else groups.set(code, { code, reason: reasonOf(code, lang), count: 1 });
	}
	if (counts) for (const group of groups.values()) group.count = counts[group.code] ?? group.count;
	return [...groups.values()].sort((a, b) => b.count - a.count);
}

export interface IssueRow {
	line: number | null;
	column: string | null;
	value: string | null;
	message: string;
}

export function issueRows(issues: Issue[], lang: Lang, limit = Infinity): IssueRow[] {
	return issues.slice(0, limit).map((i) => ({
		line: i.line,
		column: columnOf(i),
		value: i.value,
		message: issueMessage(i, lang)
	}));
}

const HEADERS = {
	de: ['Zeile', 'Spalte', 'Wert', 'Meldung'],
	en: ['line', 'column', 'value', 'message']
};
const WARNING = { de: 'Warnung: ', en: 'Warning: ' };

/** For German Excel; the values come from a stranger's file, so the formula guard matters most here. */
export function errorCsv(issues: Issue[], lang: Lang): string {
	const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
	return excelCsv([
		HEADERS[lang],
		...sorted.map((i) => [
			i.line,
			columnOf(i),
			i.value,
			(isWarning(i.code) ? WARNING[lang] : '') + issueMessage(i, lang)
		])
	]);
}
