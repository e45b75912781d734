/** The app's routes as the filesystem has them: page and endpoint URLs and the names of their form actions. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = 'src/routes';

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
	);
}

/** The URL pattern of a route file: groups such as `(dashboard)` are not in the URL, and `[id=id]` is `[id]` with a matcher. */
function urlOf(file: string): string {
	const segments = relative(ROOT, file).split('/').slice(0, -1);
	const url = segments
		.filter((s) => !/^\(.+\)$/.test(s))
		.map((s) => s.replace(/^\[(\w+)=\w+\]$/, '[$1]'));
	return '/' + url.join('/');
}

/** Every GET-able route: `+page.server.ts` pages and `+server.ts` endpoints. */
export function routeUrls(): string[] {
	return files(ROOT)
		.filter((f) => /\+page\.server\.ts$|\+server\.ts$/.test(f))
		.map(urlOf)
		.sort();
}

/** The pages among them (`+page.server.ts`), whose loads also answer as `__data.json`. */
export function pageUrls(): string[] {
	return files(ROOT)
		.filter((f) => f.endsWith('+page.server.ts'))
		.map(urlOf)
		.sort();
}

/** Every form action as `URL?/name` (or the bare URL for `default`). */
export function actionUrls(): string[] {
	return files(ROOT)
		.filter((f) => f.endsWith('+page.server.ts'))
		.flatMap((f) => {
			const source = readFileSync(f, 'utf8');
			const block = source.split('export const actions')[1];
			if (!block) return [];
			const names = [...block.matchAll(/^\t(\w+): async/gm)].map((m) => m[1]);
			return names.map((name) => (name === 'default' ? urlOf(f) : `${urlOf(f)}?/${name}`));
		})
		.sort();
}
