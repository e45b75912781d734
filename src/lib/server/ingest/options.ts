/** What an import is asked to do: the file's name, who imports it and for whom, and the hooks that follow it. */
export interface IngestScope {
	/** Set for a jobcenter user: the only jobcenter whose rows the file may hold. */
	jobcenterId: number | null;
	mayImportRegister: boolean;
}

export interface IngestOptions {
	fileName: string;
	userId: number | null;
	scope: IngestScope;
	dryRun?: boolean;
	env?: Record<string, string | undefined>;
	/**
	 * The line reached while the rows are written (or, on a dry run, compared with the stored ones),
	 * with the rows done and the rows to do.
	 */
	onProgress?: (line: number, done: number, total: number) => void;
	/** Bytes read of the file's total and data records read, while it is parsed and validated. */
	onBytesRead?: (read: number, total: number, records: number) => void;
	/** After each written row: the seam through which tests end an import mid-transaction. */
	onRowWritten?: (written: number) => void;
	/** Unset after stored rows changed while the file was staged: compare and write in one go. */
	stagedWrite?: boolean;
	/** A CSV file from this many bytes on is parsed and validated in a thread of its own. */
	threadFromBytes?: number;
	/** As each stage begins, by its name here: for the benchmark's timings. */
	onStage?: (stage: Stage) => void;
}

export type Stage = 'read' | 'detect dialect' | 'validate' | 'decide number style' | 'write';
