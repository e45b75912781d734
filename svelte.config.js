import adapter from '@sveltejs/adapter-node';

// BUILD_DIR and SVELTEKIT_OUT let several builds of one checkout run side by side (e.g. the benchmark's).
/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ out: process.env.BUILD_DIR || 'build' }),
		outDir: process.env.SVELTEKIT_OUT || '.svelte-kit'
	}
};

export default config;
