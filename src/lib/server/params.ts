/** The one schema layer for query strings, form fields and path ids: every value is bounded, and a bad one becomes a sentence that says what to change. */
import { error } from '@sveltejs/kit';
import { addMonths, isMonth, type Month } from '$lib/months';
import { ID_MAX, idOf } from '$lib/ids';
import { m } from '$lib/paraglide/messages';
import { EARLIEST_MONTH } from '$lib/server/ingest/values';
import { PERIOD_MAX_MONTHS } from '$lib/server/kpi/request';

/** A value that breaks its field's rule; the message is the sentence the user reads. */
export class ParamError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

/** Reads one field from every value sent under its name, or throws a ParamError. */
export type Field<T> = (values: string[], name: string) => T;

type Schema = Record<string, Field<unknown>>;
export type Values<S extends Schema> = { [K in keyof S]: ReturnType<S[K]> };

/** Longer values are cut when a message repeats them, so that an answer never echoes a huge input. */
const SHOWN_MAX = 40;

export function shown(value: string): string {
	return value.length > SHOWN_MAX ? `${value.slice(0, SHOWN_MAX)}…` : value;
}

/** One line of text, trimmed, at most `max` characters; absent is ''. */
export function text(max: number): Field<string> {
	return ([value = ''], name) => {
		const trimmed = value.trim();
		if (trimmed.length > max) throw new ParamError(name, m.param_too_long({ max }));
		return trimmed;
	};
}

/** Text over several lines (a textarea): line breaks kept as `\n`, trimmed, at most `max` characters. */
export function multiline(max: number): Field<string> {
	return ([value = ''], name) => {
		const trimmed = value.replace(/\r\n?/g, '\n').trim();
		if (trimmed.length > max) throw new ParamError(name, m.param_too_long({ max }));
		return trimmed;
	};
}

/** A secret such as a password: not trimmed, never repeated in a message. */
export function secret(max: number): Field<string> {
	return ([value = ''], name) => {
		if (value.length > max) throw new ParamError(name, m.param_too_long({ max }));
		return value;
	};
}

/** One of a fixed list; absent or empty is null, anything else names the value and what to choose. */
export function choice<T extends string>(
	choices: readonly T[],
	message: (value: string) => string = (value) =>
		m.param_bad_choice({ value: shown(value), choices: choices.join(', ') })
): Field<T | null> {
	return ([value = ''], name) => {
		if (value === '') return null;
		if (!(choices as readonly string[]).includes(value)) throw new ParamError(name, message(value));
		return value as T;
	};
}

/** A whole number from `min` to `max`; absent or empty is null. */
export function integer(
	min: number,
	max: number,
	message: (value: string) => string = (value) =>
		m.param_bad_integer({ value: shown(value), min, max })
): Field<number | null> {
	return ([value = ''], name) => {
		const trimmed = value.trim();
		if (trimmed === '') return null;
		const n = /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : NaN;
		if (!(n >= min && n <= max)) throw new ParamError(name, message(value));
		return n;
	};
}

/** The register takes codes of at most 20 characters; absent or empty is null. */
export function jobcenterCode(): Field<string | null> {
	return ([value = ''], name) => {
		const trimmed = value.trim();
		if (trimmed === '') return null;
		if (trimmed.length > 20) throw new ParamError(name, m.param_bad_code({ value: shown(value) }));
		return trimmed;
	};
}

/** Ids are positive 32-bit integers, like SQLite's rowids in practice (one rule with the route matcher `[id=id]`). */
export { ID_MAX };

/** An id from a path such as `/runden/[id=id]`, or null when it cannot be one (the caller answers 404). */
export const pathId = idOf;

/** A checkbox: absent is false, checked is `on` (or `1`); any other value is refused. */
export function flag(): Field<boolean> {
	return ([value], name) => {
		if (value === undefined) return false;
		if (value === 'on' || value === '1') return true;
		throw new ParamError(name, m.param_bad_flag({ value: shown(value) }));
	};
}

/** A month `YYYY-MM`; absent or empty is null. Whether it lies in a sane range is the period's rule. */
export function month(): Field<Month | null> {
	return ([value = ''], name) => {
		const trimmed = value.trim();
		if (trimmed === '') return null;
		if (!isMonth(trimmed)) throw new ParamError(name, m.param_bad_month({ value: shown(value) }));
		return trimmed;
	};
}

/** A calendar day `YYYY-MM-DD` (as `<input type=date>` sends it); absent or empty is null. */
export function day(): Field<string | null> {
	return ([value = ''], name) => {
		const trimmed = value.trim();
		if (trimmed === '') return null;
		const parsed = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) && new Date(`${trimmed}T00:00:00Z`);
		if (!parsed || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(trimmed))
			throw new ParamError(name, m.param_bad_day({ value: shown(value) }));
		return trimmed;
	};
}

/** A month `YYYY-MM` from `earliest` to `latest`; absent or empty is null. */
export function monthWithin(earliest: Month, latest: Month): Field<Month | null> {
	const read = month();
	return (values, name) => {
		const value = read(values, name);
		if (value === null) return null;
		if (value < earliest) throw new ParamError(name, m.param_month_too_early({ earliest }));
		if (value > latest) throw new ParamError(name, m.param_month_too_late({ latest }));
		return value;
	};
}

/** The field must be given: `field` reads it, and its null (absent or empty) is refused. */
export function required<T>(field: Field<T | null>): Field<T> {
	return (values, name) => {
		const value = field(values, name);
		if (value === null || value === '') throw new ParamError(name, m.param_required());
		return value;
	};
}

/**
 * Every value sent under the name (each may be a comma list when `split`), each read by `item`,
 * without repeats and without empty ones; more than `max` different ones is refused.
 */
export function list<T>(
	item: Field<T | null>,
	max: number,
	options: { split?: boolean } = {}
): Field<T[]> {
	return (values, name) => {
		const parts = options.split ? values.flatMap((v) => v.split(',')) : values;
		// Checked before the items, so that a flood of values costs no more than `max` of them.
		const distinct = [...new Set(parts.map((p) => p.trim()).filter(Boolean))];
		if (distinct.length > max) throw new ParamError(name, m.param_too_many({ max }));
		return distinct.map((p) => item([p], name)).filter((v): v is T => v !== null);
	};
}

/** Reads every field of the schema; throws the first ParamError. File parts never count as text. */
export function parse<S extends Schema>(source: URLSearchParams | FormData, schema: S): Values<S> {
	const values: Record<string, unknown> = {};
	for (const [name, field] of Object.entries(schema)) {
		const sent = source.getAll(name);
		if (sent.some((v) => typeof v !== 'string')) throw new ParamError(name, m.param_not_text());
		values[name] = field(sent as string[], name);
	}
	return values as Values<S>;
}

/** For `load` and endpoints: the values, or a 400 with the sentence. */
export function query<S extends Schema>(source: URLSearchParams | FormData, schema: S): Values<S> {
	try {
		return parse(source, schema);
	} catch (e) {
		if (e instanceof ParamError) error(400, { message: e.message });
		throw e;
	}
}

/** For form actions: the values, or the field and sentence for `fail(400, …)`. */
export function form<S extends Schema>(
	source: FormData,
	schema: S
): { ok: true; values: Values<S> } | { ok: false; field: string; message: string } {
	try {
		return { ok: true, values: parse(source, schema) };
	} catch (e) {
		if (e instanceof ParamError) return { ok: false, field: e.field, message: e.message };
		throw e;
	}
}

export { EARLIEST_MONTH, PERIOD_MAX_MONTHS };

/**
 * Why a period cannot be shown, or null: it needs both ends in order, from 2010-01 (the earliest
 * month the import takes) to `latest`, and at most PERIOD_MAX_MONTHS months.
 */
export function periodProblem(from: Month, to: Month, latest: Month): string | null {
	if (from > to) return m.filter_bad_period();
	if (from < EARLIEST_MONTH) return m.period_too_early({ earliest: EARLIEST_MONTH });
	if (to > latest) return m.period_too_late({ latest });
	if (to >= addMonths(from, PERIOD_MAX_MONTHS))
		return m.period_too_long({ max: PERIOD_MAX_MONTHS });
	return null;
}
