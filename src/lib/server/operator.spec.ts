import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	describeProblem,
	loadOperatorConfig,
	MAX_BYTES,
	operatorPageData,
	operatorStartupWarnings,
	parseOperatorConfig
} from './operator';

const EXAMPLE = 'data/betreiber.beispiel.json';
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8'));

function tempFile(content: string): string {
	const path = join(mkdtempSync(join(tmpdir(), 'benchlearn-operator-')), 'betreiber.json');
	writeFileSync(path, content);
	return path;
}

describe('the shipped example', () => {
	it('is complete and marked as example text', () => {
		const { config, problems } = loadOperatorConfig(EXAMPLE);
		expect(problems).toEqual([]);
		expect(config?.example).toBe(true);
		expect(config?.accessibility.feedback.email).toMatch(/@/);
		expect(config?.accessibility.enforcement.name).toBeTruthy();
	});
});

describe('parseOperatorConfig', () => {
	it('names a missing field by its path, in German for the page and in English for the log', () => {
		const file = example();
		delete file.accessibility.feedback.email;
		const { config, problems } = parseOperatorConfig(JSON.stringify(file));
		expect(config).toBeNull();
		expect(problems).toEqual([{ kind: 'missing', field: 'accessibility.feedback.email' }]);
		expect(describeProblem(problems[0])).toBe('Das Feld „accessibility.feedback.email“ fehlt.');
		expect(describeProblem(problems[0], 'en')).toBe(
			'The field "accessibility.feedback.email" is missing.'
		);
	});

	it('lists every problem, in the order of the file, and flags unknown fields as likely typos', () => {
		const file = example();
		file.operator.name = '   ';
		file.operator.adress = file.operator.address;
		delete file.operator.address;
		file.accessibility.conformity = 'teilweise';
		file.accessibility.preparedOn = '30.11.2026';
		const { problems } = parseOperatorConfig(JSON.stringify(file));
		expect(problems).toEqual([
			{ kind: 'text', field: 'operator.name' },
			{ kind: 'missing', field: 'operator.address' },
			{ kind: 'unknown', field: 'operator.adress' },
			{ kind: 'oneOf', field: 'accessibility.conformity', values: ['full', 'partial', 'none'] },
			{ kind: 'date', field: 'accessibility.preparedOn' }
		]);
		expect(describeProblem(problems[3])).toBe(
			'Das Feld „accessibility.conformity“ muss einer dieser Werte sein: full, partial, none.'
		);
	});

	it('accepts only web addresses for links, so that no javascript: link reaches a page', () => {
		const file = example();
		file.accessibility.feedback.formUrl = 'javascript:alert(1)';
		file.privacy.supervisoryAuthority.url = 'www.ohne-protokoll.example';
		expect(parseOperatorConfig(JSON.stringify(file)).problems).toEqual([
			{ kind: 'url', field: 'privacy.supervisoryAuthority.url' },
			{ kind: 'url', field: 'accessibility.feedback.formUrl' }
		]);
	});

	it('rejects impossible dates, wrong types and an address that is a single string', () => {
		const file = example();
		file.accessibility.preparedOn = '2026-02-30';
		file.example = 'ja';
		file.contentResponsible.address = 'Musterstraße 1, 12345 Musterstadt';
		expect(parseOperatorConfig(JSON.stringify(file)).problems).toEqual([
			{ kind: 'flag', field: 'example' },
			{ kind: 'lines', field: 'contentResponsible.address' },
			{ kind: 'date', field: 'accessibility.preparedOn' }
		]);
	});

	it('says on which line the JSON breaks, and that an array is not the expected object', () => {
		const broken = '{\n\t"example": true,\n\t"operator": {\n\t\t"name": "X",\n\t}\n}';
		const { problems } = parseOperatorConfig(broken);
		expect(problems).toEqual([{ kind: 'json', line: 5 }]);
		expect(describeProblem(problems[0])).toBe('Die Datei ist kein gültiges JSON (Zeile 5).');
		expect(parseOperatorConfig('[]').problems).toEqual([{ kind: 'object', field: '' }]);
		expect(describeProblem({ kind: 'object', field: '' })).toMatch(
			/^Die Datei muss ein JSON-Objekt/
		);
	});

	it('ignores notes in "$comment" fields', () => {
		const file = example();
		file.operator.$comment = 'Ein Hinweis für die Kollegin';
		expect(parseOperatorConfig(JSON.stringify(file)).problems).toEqual([]);
	});
});

describe('loadOperatorConfig', () => {
	it('reports a missing file and one that is too large instead of throwing', () => {
		expect(loadOperatorConfig('/nonexistent/betreiber.json').problems).toEqual([
			{ kind: 'file_missing' }
		]);
		const large = tempFile(' '.repeat(MAX_BYTES + 1));
		expect(loadOperatorConfig(large).problems).toEqual([{ kind: 'file_too_large' }]);
	});

	it('rereads the file once it has changed, so that a fix shows without a restart', () => {
		const file = example();
		delete file.operator.email;
		const path = tempFile(JSON.stringify(file));
		expect(operatorPageData(path)).toEqual({
			operator: null,
			problems: ['Das Feld „operator.email“ fehlt.']
		});
		expect(operatorStartupWarnings(path)).toEqual([
			`Operator details ${path}: The field "operator.email" is missing. The legal pages say so until it is fixed.`
		]);
		file.operator.email = 'post@example.org';
		writeFileSync(path, JSON.stringify(file));
		const later = new Date(Date.now() + 5000);
		utimesSync(path, later, later);
		expect(operatorPageData(path).operator?.operator.email).toBe('post@example.org');
		expect(operatorStartupWarnings(path)).toEqual([]);
	});
});
