import type { Viewer } from '$lib/server/auth/authorise';

declare global {
	namespace App {
		interface Locals {
			viewer: Viewer | null;
		}
		interface Error {
			message: string;
			/** Set for unexpected errors only: the user quotes it, the log holds it (hooks.server.ts). */
			id?: string;
		}
	}
}

export {};
