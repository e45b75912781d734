/**
 * The dashboard pages' tables as files: each built only from the data the page's load returned, so
 * that an export holds what the page shows and nothing more. The first table is the CSV; XLSX gets
 * every table as a sheet and a last sheet that says what the figures are (jobcenter, period, group).
 */
import { formatDate, formatMonth } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import { today } from '$lib/server/clock';
import { UNIT_LABELS, type Unit } from '$lib/server/kpi/catalogue';
import { numberFormat, type Cell, type Column, type Table } from '$lib/server/report/table';
import type { channelsPage, detailPage, mapPage, overviewPage } from './pages';
import type { Filters } from './view';

export interface PageExport {
	/** The file name without its extension: page, jobcenter code and period. */
	name: string;
	tables: Table[];
}

type Data<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type Jobcenter = { code: string; name: string };

const locale = () => uiLocale();
const GROUP: Record<string, () => string> = {
	ring: m.peers_ring,
	carrier: m.peers_carrier,
	state: m.peers_state,
	size: m.peers_size,
	all: m.peers_all
};

const number = (header: string, unit: Unit): Column => ({
	header,
	numFmt: numberFormat(unit)
});
const text = (header: string, width?: number): Column => ({ header, width });

function fileName(page: string, jobcenter: Jobcenter, f: Filters | null): string {
	const period = f ? `-${f.from}-bis-${f.to}` : '';
	return `benchlearn-${page}-${jobcenter.code}${period}`;
}

/** What the figures are: the last sheet of every workbook. */
function about(jobcenter: Jobcenter | null, f: Filters | null, members?: number): Table {
	const rows: Cell[][] = [];
	if (jobcenter) rows.push([m.export_about_jobcenter(), `${jobcenter.name} (${jobcenter.code})`]);
	if (f) {
		rows.push([
			m.export_about_period(),
			`${formatMonth(f.from, 'long')} – ${formatMonth(f.to, 'long')}`
		]);
		const group = f.round ? `${m.export_about_round()} „${f.round.name}“` : GROUP[f.peers]();
		rows.push([m.export_about_peers(), members === undefined ? group : `${group} (${members})`]);
		rows.push([
			m.export_about_channels(),
			f.channels.length ? f.channels.join(', ') : m.filter_channels_all()
		]);
		rows.push([m.export_about_empty(), m.export_about_empty_text()]);
	}
	rows.push([m.export_about_source(), m.export_source({ date: formatDate(today()) })]);
	return {
		title: m.export_sheet_about(),
		columns: [text(m.export_about_field(), 24), text(m.export_about_value(), 80)],
		rows
	};
}

export function overviewExport(data: Data<typeof overviewPage>): PageExport {
	if (data.mode === 'picker') {
		const { register, period, series } = data;
		const jobcenters: Table = {
			title: m.jobcenter_list_title(),
			columns: [
				text(m.col_name()),
				text(m.col_code(), 10),
				text(m.col_state(), 8),
				text(m.col_carrier(), 12),
				number(m.col_elb(), 'count'),
				text(m.col_ring(), 30),
				number(m.col_channels(), 'count')
			],
			rows: register.rows.map((j) => [
				j.name,
				j.code,
				j.state,
				j.carrier,
				j.elb,
				j.ring ?? m.no_ring(),
				j.channels
			])
		};
		const followers: Table = {
			title: m.export_sheet_followers(),
			columns: [text(m.table_month(), 12), ...series.map((s) => number(s.name, 'count'))],
			rows: (period?.months ?? []).map((month) => [
				formatMonth(month),
				...series.map((s) => s.points.find((p) => p.month === month)?.value ?? null)
			])
		};
		return { name: 'benchlearn-jobcenter', tables: [jobcenters, followers, about(null, null)] };
	}
	if (data.mode === 'empty')
		return {
			name: fileName('uebersicht', data.jobcenter, null),
			tables: [about(data.jobcenter, null)]
		};
	const kpis: Table = {
		title: m.overview_title(),
		columns: [
			text(m.export_col_area(), 18),
			text(m.export_col_kpi()),
			text(m.export_col_unit(), 18),
			{ header: m.kpi_col_value() },
			{ header: m.export_col_previous() },
			number(m.export_col_change(), 'pct'),
			number(m.kpi_col_n(), 'count'),
			{ header: m.kpi_col_p25() },
			{ header: m.kpi_col_median() },
			{ header: m.kpi_col_p75() },
			number(m.export_col_percentile(), 'count')
		],
		rows: data.cards.map((c) => [
			AREA[c.area](),
			c.label,
			UNIT_LABELS[c.unit][locale()],
			...[c.value, c.previous].map((v) => rounded(v, c.unit)),
			c.change === null ? null : Math.round(c.change * 10) / 10,
			c.n,
			...[c.p25, c.median, c.p75].map((v) => rounded(v, c.unit)),
			c.percentile
		])
	};
	return {
		name: fileName('uebersicht', data.jobcenter, data.filters),
		tables: [kpis, about(data.jobcenter, data.filters, data.members)]
	};
}

const AREA: Record<string, () => string> = {
	reach: m.area_reach,
	resonance: m.area_resonance,
	effort: m.area_effort
};

/** As many decimals as the page shows, so that the file and the screen agree to the digit. */
function rounded(value: number | null | undefined, unit: Unit): number | null {
	if (value == null) return null;
	const digits = /0\.(0+)/.exec(numberFormat(unit))?.[1].length ?? 0;
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

export function detailExport(data: Data<typeof detailPage>): PageExport {
	const d = data.detail;
	const name = fileName(`kennzahl-${d?.kpi.id ?? 'leer'}`, data.jobcenter, data.filters);
	if (!d) return { name, tables: [about(data.jobcenter, data.filters)] };
	const unit = d.kpi.unit;
	const value = (header: string) => number(header, unit);
	const series: Table = {
		title: m.export_sheet_series(),
		columns: [
			text(m.table_month(), 12),
			...[m.kpi_col_value(), m.kpi_col_p25(), m.kpi_col_median(), m.kpi_col_p75()].map(value)
		],
		rows: d.series.map((p) => [
			formatMonth(p.month),
			...[p.value, p.p25, p.median, p.p75].map((v) => rounded(v, unit))
		])
	};
	const numbers: Table = {
		title: m.kpi_numbers_title(),
		columns: [
			text(m.export_col_kpi(), 30),
			text(m.export_col_unit(), 18),
			value(m.kpi_col_value()),
			number(m.kpi_col_n(), 'count'),
			value(m.kpi_col_p25()),
			value(m.kpi_col_median()),
			value(m.kpi_col_p75()),
			number(m.export_col_percentile(), 'count')
		],
		rows: [
			[
				d.kpi.label,
				d.kpi.unitLabel,
				rounded(d.value, unit),
				d.n,
				...[d.peer?.p25, d.peer?.median, d.peer?.p75].map((v) => rounded(v, unit)),
				d.percentile
			]
		]
	};
	const tables = [series, numbers];
	// The strip plot's dots: values without names, in ascending order, as the chart shows them.
	if (!d.hidden && !d.suppressed && d.peer)
		tables.push({
			title: m.export_sheet_distribution(),
			columns: [value(m.export_col_value())],
			rows: [...d.distribution].sort((a, b) => a - b).map((v) => [rounded(v, unit)])
		});
	if (d.ranking.length)
		tables.push({
			title: m.export_sheet_ranking(),
			columns: [
				number(m.kpi_col_rank(), 'count'),
				text(m.col_name()),
				text(m.col_code(), 10),
				value(d.kpi.label)
			],
			rows: d.ranking.map((r, i) => [i + 1, r.name, r.code, rounded(r.value, unit)])
		});
	return { name, tables: [...tables, about(data.jobcenter, data.filters, d.n ?? undefined)] };
}

export function mapExport(data: Data<typeof mapPage>): PageExport {
	const { axes, map } = data;
	const name = fileName(`karte-${axes.x.id}-${axes.y.id}`, data.jobcenter, data.filters);
	const columns = [
		text('', 30),
		number(axes.x.label, axes.x.unit),
		number(axes.y.label, axes.y.unit)
	];
	const point = (label: string, x: number | null, y: number | null): Cell[] => [
		label,
		rounded(x, axes.x.unit),
		rounded(y, axes.y.unit)
	];
	const rows: Cell[][] = [];
	if (map) {
		rows.push(point(m.kpi_own_line(), map.own.x, map.own.y));
		rows.push(point(m.kpi_median_line(), map.median.x, map.median.y));
		// The chart's unlabelled dots, in the order of x: no name, no code, nothing to tell them apart.
		for (const p of map.points) rows.push(point(m.export_map_peer(), p.x, p.y));
	}
	return {
		name,
		tables: [
			{ title: m.map_title(), columns, rows },
			about(data.jobcenter, data.filters, map?.points.length)
		]
	};
}

export function channelsExport(data: Data<typeof channelsPage>): PageExport {
	const view = data.view;
	const name = fileName('kanaele', data.jobcenter, data.filters);
	const count = (h: string) => number(h, 'count');
	const pct = (h: string) => number(h, 'pct');
	const series: Table = {
		title: m.channels_panels_title(),
		columns: [
			text(m.export_col_channel(), 14),
			text(m.table_month(), 12),
			count(m.channels_followers()),
			count(m.export_col_followers_median()),
			pct(m.channels_engagement()),
			pct(m.export_col_engagement_p25()),
			pct(m.export_col_engagement_median()),
			pct(m.export_col_engagement_p75())
		],
		rows: (view?.panels ?? []).flatMap((panel) =>
			panel.engagement.map((p, i) => {
				const f = panel.followers[i];
				return [
					panel.name,
					formatMonth(p.month),
					rounded(f?.value, 'count'),
					rounded(f?.median, 'count'),
					...[p.value, p.p25, p.median, p.p75].map((v) => rounded(v, 'pct'))
				];
			})
		)
	};
	const mix: Table = {
		title: m.channels_mix_title(),
		columns: [
			text(m.export_col_channel(), 14),
			count(m.export_col_mix_followers()),
			count(m.export_col_mix_posts())
		],
		rows: (view?.mix ?? []).map((c) => [
			c.name,
			rounded(c.followers, 'count'),
			rounded(c.posts, 'count')
		])
	};
	return { name, tables: [series, mix, about(data.jobcenter, data.filters)] };
}
