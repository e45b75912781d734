import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit()
	],
	test: {
		include: ['src/**/*.spec.ts'],
		environment: 'node',
		// Each spec opens its own throw-away SQLite file; one fork at a time keeps the 2-core machine calm.
		pool: 'forks',
		// Property and process tests take seconds; the bound only catches a hang, never judges speed.
		testTimeout: 30_000
	}
});
