import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = 'src/routes';

/** Server files that answer without asking `authorise()`, each with the reason. */
const PUBLIC: Record<string, string> = {
	'+layout.server.ts': "tells only the viewer's own account and whether demo mode is on",
	'anmelden/+page.server.ts': 'this is where people sign in',
	'sprache/+page.server.ts': 'the language must be switchable before signing in',
	'healthz/+server.ts': 'a monitor asks without a login; the answer holds no data',
	'impressum/+page.server.ts': 'the law wants the legal pages readable by everyone',
	'datenschutz/+page.server.ts': 'the law wants the legal pages readable by everyone',
	'barrierefreiheit/+page.server.ts': 'the law wants the legal pages readable by everyone'
};

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : [relative(ROOT, join(dir, e.name))]
	);
}

const all = files(ROOT);
const serverFiles = all.filter((f) =>
	/(^|\/)\+(page|layout)\.server\.ts$|(^|\/)\+server\.ts$/.test(f)
);

describe('every route asks authorise()', () => {
	it('finds the route files', () => {
		expect(serverFiles).toContain('(dashboard)/+page.server.ts');
	});

	it.each(serverFiles)('%s calls authorise() or is listed as public with a reason', (file) => {
		const source = readFileSync(join(ROOT, file), 'utf8');
		if (file in PUBLIC) expect(source).toContain('Public on purpose');
		else expect(source).toMatch(/\bauthorise\(locals, '\w+'\)/);
	});

	it.each(serverFiles.filter((f) => !(f in PUBLIC)))(
		'%s asks authorise() in every form action',
		(file) => {
			const actions = readFileSync(join(ROOT, file), 'utf8').split('export const actions')[1];
			const bodies = actions?.split(/^\t\w+: async/m).slice(1) ?? [];
			for (const body of bodies) expect(body).toMatch(/\bauthorise\(locals, '\w+'\)/);
		}
	);

	it('has a server file for every page, so that no page renders without a check', () => {
		const pages = all.filter((f) => /(^|\/)\+page\.svelte$/.test(f));
		for (const page of pages) {
			expect(all, `${page} needs a +page.server.ts`).toContain(
				page.replace('+page.svelte', '+page.server.ts')
			);
		}
	});

	it('lists no public file that does not exist', () => {
		for (const file of Object.keys(PUBLIC)) expect(all).toContain(file);
	});
});
