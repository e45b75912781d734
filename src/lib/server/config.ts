/** Settings read from the environment, in one place, with the defaults the README documents. */
import { resolve } from 'node:path';

export interface Config {
	databasePath: string;
	demo: boolean;
	/** The largest CSV file the upload page accepts, in megabytes. */
	uploadMaxMb: number;
	/** The JSON file with the operator's details for the legal pages. */
	operatorConfigPath: string;
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	return {
		databasePath: resolve(env.DATABASE_PATH || 'data/benchlearn.db'),
		// Only the README's `npm start` sets DEMO=1; a bare `node build` never creates demo data.
		demo: env.DEMO === '1' || env.DEMO === 'true',
		uploadMaxMb: Number(env.UPLOAD_MAX_MB) > 0 ? Number(env.UPLOAD_MAX_MB) : 20,
		// The shipped example, marked as such on every legal page, until the operator names their own file.
		operatorConfigPath: resolve(env.OPERATOR_CONFIG || 'data/betreiber.beispiel.json')
	};
}
