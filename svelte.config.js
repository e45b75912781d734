import adapter from '@sveltejs/adapter-node';

// BUILD_DIR and SVELTEKIT_OUT let several builds of one checkout run side by side (e.g. the benchmark's).
/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ out: process.env.BUILD_DIR || 'build' }),
		outDir: process.env.SVELTEKIT_OUT || '.svelte-kit',
		// Sent with every page; other answers get theirs, and the other security headers, in hooks.server.ts.
		// 'auto': a nonce on server-rendered pages, hashes on prerendered ones, for SvelteKit's start-up script.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Style sheets only from our own files: Svelte's component CSS is bundled into them.
				'style-src-elem': ['self'],
				// Style *attributes* must be allowed inline: LayerCake's percent layout and Svelte's
				// `style:` directives position the charts' dots, bars and tooltips with style="…" in the
				// server-rendered HTML. Attributes cannot run script, and img-src below keeps url() in
				// them from reaching another site. No plain style-src: the browsers we support know
				// both split directives (Firefox 108, Chrome 75, Safari 15.4 and later).
				'style-src-attr': ['unsafe-inline'],
				// KERN's icons are data: SVGs in its style sheet.
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'base-uri': ['none'],
				'object-src': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
