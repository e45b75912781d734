/**
 * The operator's details for the legal pages (Impressum, Datenschutz, Barrierefreiheit): read from the
 * JSON file that OPERATOR_CONFIG names, checked field by field, so that a gap is a message, never a 500.
 */
import { readFileSync, statSync } from 'node:fs';
import { m } from '$lib/paraglide/messages';

/** A postal address, one line per entry: ["Musterstraße 1", "12345 Musterstadt"]. */
type Lines = string[];

export interface Contact {
	name: string;
	address: Lines;
	email?: string;
	phone?: string;
	url?: string;
}

export interface OperatorConfig {
	/** Shows every legal page as example text that the operator must replace. */
	example?: boolean;
	operator: {
		name: string;
		legalForm?: string;
		address: Lines;
		representedBy: string;
		email: string;
		phone?: string;
		supervisoryAuthority?: string;
		vatId?: string;
	};
	/** Responsible for the content (§ 18 Abs. 2 MStV). */
	contentResponsible: { name: string; address: Lines };
	privacy: {
		dataProtectionOfficer: Contact;
		hosting: string;
		legalBases: string[];
		retention: string[];
		supervisoryAuthority: Contact;
	};
	accessibility: {
		/** The law the statement answers to, e.g. "§ 12a BGG und BITV 2.0". */
		law: string;
		conformity: 'full' | 'partial' | 'none';
		nonAccessible: string[];
		preparedOn: string;
		reviewedOn?: string;
		method: string;
		feedback: { name?: string; email: string; phone?: string; formUrl?: string; address?: Lines };
		enforcement: Contact;
	};
}

type Rule =
	| { type: 'text' | 'lines' | 'email' | 'url' | 'date' | 'flag'; optional?: boolean }
	| { type: 'oneOf'; values: readonly string[]; optional?: boolean }
	| { type: 'object'; fields: Record<string, Rule>; optional?: boolean };

const text: Rule = { type: 'text' };
const lines: Rule = { type: 'lines' };
const email: Rule = { type: 'email' };
const date: Rule = { type: 'date' };
const optional = (rule: Rule): Rule => ({ ...rule, optional: true });
const object = (fields: Record<string, Rule>): Rule => ({ type: 'object', fields });
const contact = object({
	name: text,
	address: lines,
	email: optional(email),
	phone: optional(text),
	url: optional({ type: 'url' })
});

/** The file's shape; it mirrors `OperatorConfig` and the README's table. */
const SCHEMA = object({
	example: optional({ type: 'flag' }),
	operator: object({
		name: text,
		legalForm: optional(text),
		address: lines,
		representedBy: text,
		email,
		phone: optional(text),
		supervisoryAuthority: optional(text),
		vatId: optional(text)
	}),
	contentResponsible: object({ name: text, address: lines }),
	privacy: object({
		dataProtectionOfficer: contact,
		hosting: text,
		legalBases: lines,
		retention: lines,
		supervisoryAuthority: contact
	}),
	accessibility: object({
		law: text,
		conformity: { type: 'oneOf', values: ['full', 'partial', 'none'] },
		nonAccessible: lines,
		preparedOn: date,
		reviewedOn: optional(date),
		method: text,
		feedback: object({
			name: optional(text),
			email,
			phone: optional(text),
			formUrl: optional({ type: 'url' }),
			address: optional(lines)
		}),
		enforcement: contact
	})
});

/** What is wrong, and where: `field` is a dotted path such as `accessibility.feedback.email`. */
export type Problem =
	| {
			kind: 'missing' | 'unknown' | 'text' | 'lines' | 'email' | 'url' | 'date' | 'flag' | 'object';
			field: string;
	  }
	| { kind: 'oneOf'; field: string; values: readonly string[] }
	| { kind: 'file_missing' | 'file_unreadable' | 'file_too_large' }
	| { kind: 'json'; line: number | null };

/** No legitimate file of legal texts comes near this; a bigger one is a mistake, not read into memory. */
export const MAX_BYTES = 256 * 1024;
const MAX_TEXT = 5000;

const isText = (v: unknown): v is string =>
	typeof v === 'string' && v.trim() !== '' && v.length <= MAX_TEXT;

function check(value: unknown, rule: Rule, field: string): Problem[] {
	if (value === undefined || value === null)
		return rule.optional ? [] : [{ kind: 'missing', field }];
	switch (rule.type) {
		case 'text':
			return isText(value) ? [] : [{ kind: 'text', field }];
		case 'lines':
			return Array.isArray(value) && value.length <= 100 && value.every(isText)
				? []
				: [{ kind: 'lines', field }];
		case 'email':
			return isText(value) && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value)
				? []
				: [{ kind: 'email', field }];
		case 'url':
			// Only web addresses: the page links to it, and a javascript: link must never get there.
			return isText(value) && /^https?:\/\/[^\s<>"]+$/.test(value) ? [] : [{ kind: 'url', field }];
		case 'date':
			return isText(value) && isIsoDate(value) ? [] : [{ kind: 'date', field }];
		case 'flag':
			return typeof value === 'boolean' ? [] : [{ kind: 'flag', field }];
		case 'oneOf':
			return rule.values.includes(value as string)
				? []
				: [{ kind: 'oneOf', field, values: rule.values }];
		case 'object': {
			if (typeof value !== 'object' || Array.isArray(value)) return [{ kind: 'object', field }];
			const record = value as Record<string, unknown>;
			const at = (key: string) => (field ? `${field}.${key}` : key);
			// Keys starting with "$" are notes for the reader ("$comment"), as JSON has no comments.
			const unknown = Object.keys(record)
				.filter((key) => !key.startsWith('$') && !(key in rule.fields))
				.map((key): Problem => ({ kind: 'unknown', field: at(key) }));
			return [
				...Object.entries(rule.fields).flatMap(([key, r]) => check(record[key], r, at(key))),
				...unknown
			];
		}
	}
}

function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The problems of a parsed file, in the file's order; none means it is an `OperatorConfig`. */
export function validateOperatorConfig(value: unknown): Problem[] {
	return check(value, SCHEMA, '');
}

export type OperatorResult =
	{ config: OperatorConfig; problems: [] } | { config: null; problems: Problem[] };

export function parseOperatorConfig(source: string): OperatorResult {
	let value: unknown;
	try {
		value = JSON.parse(source);
	} catch (e) {
		return { config: null, problems: [{ kind: 'json', line: jsonErrorLine(source, e) }] };
	}
	const problems = validateOperatorConfig(value);
	return problems.length
		? { config: null, problems }
		: { config: value as OperatorConfig, problems: [] };
}

/** V8 says "at position N" or "(line L column C)"; the operator wants the line. */
function jsonErrorLine(source: string, e: unknown): number | null {
	const message = String((e as Error).message);
	const line = message.match(/line (\d+)/);
	if (line) return Number(line[1]);
	const position = message.match(/position (\d+)/);
	return position ? source.slice(0, Number(position[1])).split('\n').length : null;
}

let cache: { path: string; stamp: string; result: OperatorResult } | undefined;

/** Reads the file, again only when it has changed, so that an operator's fix shows without a restart. */
export function loadOperatorConfig(path: string): OperatorResult {
	let stamp: string;
	try {
		const stat = statSync(path);
		if (stat.size > MAX_BYTES) return { config: null, problems: [{ kind: 'file_too_large' }] };
		stamp = `${stat.mtimeMs} ${stat.size}`;
	} catch {
		return { config: null, problems: [{ kind: 'file_missing' }] };
	}
	if (cache?.path === path && cache.stamp === stamp) return cache.result;
	let source: string;
	try {
		source = readFileSync(path, 'utf8');
	} catch {
		return { config: null, problems: [{ kind: 'file_unreadable' }] };
	}
	const result = parseOperatorConfig(source);
	cache = { path, stamp, result };
	return result;
}

type Locale = 'de' | 'en';

/** One sentence per problem, in German on the pages and in English in the server's log. */
export function describeProblem(problem: Problem, locale?: Locale): string {
	const options = locale ? { locale } : {};
	switch (problem.kind) {
		case 'file_missing':
			return m.operator_problem_file_missing({}, options);
		case 'file_unreadable':
			return m.operator_problem_file_unreadable({}, options);
		case 'file_too_large':
			return m.operator_problem_file_too_large({}, options);
		case 'json':
			return problem.line === null
				? m.operator_problem_json_somewhere({}, options)
				: m.operator_problem_json({ line: problem.line }, options);
		case 'oneOf':
			return m.operator_problem_one_of(
				{ field: problem.field, values: problem.values.join(', ') },
				options
			);
		case 'object':
			if (!problem.field) return m.operator_problem_root({}, options);
	}
	const field = problem.field;
	const messages = {
		missing: m.operator_problem_missing,
		unknown: m.operator_problem_unknown,
		text: m.operator_problem_text,
		lines: m.operator_problem_lines,
		email: m.operator_problem_email,
		url: m.operator_problem_url,
		date: m.operator_problem_date,
		flag: m.operator_problem_flag,
		object: m.operator_problem_object
	};
	return messages[problem.kind]({ field }, options);
}

/** What every legal page loads: the operator's details, or the sentences that say what is wrong with the file. */
export function operatorPageData(path: string): {
	operator: OperatorConfig | null;
	problems: string[];
} {
	const { config, problems } = loadOperatorConfig(path);
	return { operator: config, problems: problems.map((p) => describeProblem(p)) };
}

/** Lines for the server's start-up log when the file is broken (example text is marked on the pages themselves). */
export function operatorStartupWarnings(path: string): string[] {
	return loadOperatorConfig(path).problems.map(
		(p) =>
			`Operator details ${path}: ${describeProblem(p, 'en')} The legal pages say so until it is fixed.`
	);
}
