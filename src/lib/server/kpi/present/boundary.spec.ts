/**
 * The presentation layer is the only way from the engine to a page, a report, an export or the
 * command line: no file under `src/routes`, `report/`, `dashboard/` or `cli/` imports a value from the
 * engine or the visibility rules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../../..');
const WALKED = ['routes', 'lib/server/report', 'lib/server/dashboard', 'cli'];

/**
 * The modules whose results only `kpi/present` may turn into something shown, and what of them
 * others may still use: an error class to answer a bad request, and the rules for events, which are
 * no KPI results. Types carry no figures and are always allowed.
 */
const ENGINE: Record<string, string[]> = {
	'lib/server/kpi/engine': ['KpiRequestError'],
	'lib/server/kpi/compute': [],
	'lib/server/kpi/stats': [],
	'lib/server/kpi/ranking': [],
	'lib/server/kpi/visibility': ['eventJobcenters', 'mayEditEvent']
};

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return filesUnder(path);
		return /\.(ts|svelte)$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
	});
}

/** The module an import names, relative to `src` and without its extension. */
function target(file: string, specifier: string): string {
	const path = specifier.startsWith('$lib/')
		? join(SRC, 'lib', specifier.slice('$lib/'.length))
		: specifier.startsWith('.')
			? resolve(dirname(file), specifier)
			: specifier;
	return relative(SRC, path).replace(/\.(js|ts)$/, '');
}

/** Every value a file takes from an engine module that it may not take, as `module: name`. */
function forbiddenImports(file: string, text: string): string[] {
	const code = file.endsWith('.svelte')
		? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
		: text;
	const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	const check = (specifier: ts.Expression, names: string[]) => {
		if (!ts.isStringLiteral(specifier)) return;
		const module = target(file, specifier.text);
		const allowed = ENGINE[module];
		if (!allowed) return;
		for (const name of names) if (!allowed.includes(name)) found.push(`${module}: ${name}`);
	};
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node)) {
			const clause = node.importClause;
			if (!clause) check(node.moduleSpecifier, ['(side effects)']);
			else if (!clause.isTypeOnly) {
				const names: string[] = clause.name ? ['default'] : [];
				const bindings = clause.namedBindings;
				if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
				if (bindings && ts.isNamedImports(bindings)) {
					for (const e of bindings.elements) if (!e.isTypeOnly) names.push(e.name.text);
				}
				check(node.moduleSpecifier, names);
			}
		} else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
			const clause = node.exportClause;
			const names =
				clause && ts.isNamedExports(clause)
					? clause.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text)
					: ['*'];
			check(node.moduleSpecifier, names);
		} else if (
			ts.isCallExpression(node) &&
			node.expression.kind === ts.SyntaxKind.ImportKeyword &&
			node.arguments[0]
		) {
			check(node.arguments[0], ['import()']);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe('the presentation boundary', () => {
	it('finds a value taken from the engine, in every form of import, and lets types and allowed names pass', () => {
		const file = join(SRC, 'lib/server/dashboard/x.ts');
		const text = [
			"import { compare, type KpiRequest } from '$lib/server/kpi/engine';",
			"import { KpiRequestError } from '$lib/server/kpi/engine';",
			"import type { Comparison } from '$lib/server/kpi/engine';",
			"import * as stats from '../kpi/stats';",
			"export { forRole } from '$lib/server/kpi/visibility';",
			"const ranking = () => import('$lib/server/kpi/ranking');",
			"import { comparison } from '$lib/server/kpi/present';"
		].join('\n');
		expect(forbiddenImports(file, text)).toEqual([
			'lib/server/kpi/engine: compare',
			'lib/server/kpi/stats: *',
			'lib/server/kpi/visibility: forRole',
			'lib/server/kpi/ranking: import()'
		]);
		const component = `<script lang="ts">\n\timport { computeKpis } from '$lib/server/kpi/compute';\n</script>`;
		expect(forbiddenImports(join(SRC, 'routes/X.svelte'), component)).toEqual([
			'lib/server/kpi/compute: computeKpis'
		]);
	});

	it('holds for every route, report, export and command-line file', () => {
		const files = WALKED.flatMap((dir) => filesUnder(join(SRC, dir)));
		// The walk itself must reach the files it guards.
		expect(files.length).toBeGreaterThan(100);
		expect(files.some((f) => f.endsWith('report/jobcenterReport.ts'))).toBe(true);
		expect(files.some((f) => f.endsWith('cli/kpi.ts'))).toBe(true);
		const offenders = files.flatMap((file) =>
			forbiddenImports(file, readFileSync(file, 'utf8')).map((i) => `${relative(SRC, file)} → ${i}`)
		);
		expect(offenders).toEqual([]);
	});
});
