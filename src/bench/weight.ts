/** The client weight of a page: the JavaScript and CSS its HTML loads, gzipped, read from the build. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Weight {
	js: { files: number; gzipBytes: number };
	css: { files: number; gzipBytes: number };
}

/**
 * Every script, module preload, dynamic `import("…")` and stylesheet the page names, once each: in
 * its HTML, and in the `link` header where SvelteKit puts its preloads.
 */
export function assetPaths(html: string, linkHeader = ''): { js: string[]; css: string[] } {
	const js = new Set<string>();
	const css = new Set<string>();
	for (const [, path, params] of linkHeader.matchAll(/<([^>]+)>([^,]*)/g)) {
		if (/rel="modulepreload"/.test(params)) js.add(path);
		else if (/as="style"/.test(params)) css.add(path);
	}
	for (const tag of html.match(/<(link|script)\b[^>]*>/g) ?? []) {
		const href = /\b(?:href|src)="([^"]+)"/.exec(tag)?.[1];
		if (!href) continue;
		if (/rel="modulepreload"/.test(tag) || tag.startsWith('<script')) js.add(href);
		else if (/rel="stylesheet"/.test(tag)) css.add(href);
	}
	for (const [, path] of html.matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)) js.add(path);
	return { js: [...js], css: [...css] };
}

/** Gzip at level 9, as adapter-node precompresses; relative paths (`./_app/…`) are taken from `/`. */
export function clientWeight(page: { html: string; link: string }, clientDir: string): Weight {
	const { js, css } = assetPaths(page.html, page.link);
	const size = (paths: string[]) => {
		let gzipBytes = 0;
		for (const path of paths) {
			const file = join(clientDir, new URL(path, 'http://host/').pathname);
			gzipBytes += gzipSync(readFileSync(file), { level: 9 }).length;
		}
		return { files: paths.length, gzipBytes };
	};
	return { js: size(js), css: size(css) };
}
