/** The parse and validate stages of a large CSV file in a thread of their own: the good rows go back in batches, so that the importing thread compares and stages them meanwhile. */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { decode, fileSource, type ByteSource, type Delimiter, type Encoding } from './dialect';
import { IssueLog } from './issues';
import { MetricRows, type MetricRowsMessage } from './metric-rows';
import { readRecords } from './records';
import { StyleWatch } from './scan';
import { startWorker } from '$lib/server/thread';
import { presentMetrics, validateFile, type FileHeader, type Validated } from './validate-file';
import { CodeIndex, type NumberStyle } from './values';

/** This module's own file after bundling, so that the importer can start it as a worker. */
export const validateWorkerUrl = import.meta.url;

export interface ValidateJob {
	job: 'benchlearn-validate';
	path: string;
	encoding: Encoding;
	delimiter: Delimiter;
	header: FileHeader;
	style: NumberStyle;
	jobcenters: { id: number; code: string }[];
	month: { current: string };
}

type Message =
	| { type: 'rows'; rows: MetricRowsMessage }
	| { type: 'read'; bytes: number; records: number }
	| {
			type: 'done';
			log: Pick<IssueLog, 'errors' | 'warnings' | 'errorCount' | 'warningCount'>;
			records: number;
			onlyStyle: StyleWatch['vote']['onlyStyle'];
	  }
	| { type: 'failed'; message: string };

/** How often the thread tells how far it has read. */
const READ_EVERY = 4096;

async function run(job: ValidateJob): Promise<void> {
	const post = (message: Message, transfer: ArrayBuffer[] = []) =>
		parentPort!.postMessage(message, transfer);
	let bytes = 0;
	const counted: ByteSource = async function* () {
		for await (const chunk of fileSource(job.path)()) {
			bytes += chunk.length;
			yield chunk;
		}
	};
	try {
		const { log, records, watch } = await validateFile(
			job.header,
			readRecords(decode(counted, job.encoding), job.delimiter),
			job.style,
			{
				codes: new CodeIndex(job.jobcenters),
				month: job.month,
				onRecord: (records) => {
					if (records % READ_EVERY === 0) post({ type: 'read', bytes, records });
				},
				onBatch: (rows) => {
					const message = rows.toMessage();
					post({ type: 'rows', rows: message }, MetricRows.transferables(message));
				}
			}
		);
		const { errors, warnings, errorCount, warningCount } = log;
		const issues = { errors, warnings, errorCount, warningCount };
		post({ type: 'done', log: issues, records, onlyStyle: watch.vote.onlyStyle });
	} catch (e) {
		post({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
	}
}

/**
 * Validates the file of `job` in a worker thread, handing each batch of good rows to `onBatch` as
 * it arrives, and `onRead` the bytes and records read; resolves as `validateFile` does, with the
 * rows already handed on.
 */
export function validateInThread(
	job: Omit<ValidateJob, 'job'>,
	onBatch: (rows: MetricRows) => void,
	onRead: (bytes: number, records: number) => void
): Promise<Validated> {
	const worker = startWorker(validateWorkerUrl, { ...job, job: 'benchlearn-validate' });
	return new Promise<Validated>((resolve, reject) => {
		let settled = false;
		const settle = (done: () => void) => {
			settled = true;
			void worker.terminate();
			done();
		};
		worker.on('message', (message: Message) => {
			if (settled) return;
			try {
				if (message.type === 'rows') onBatch(MetricRows.fromMessage(message.rows));
				else if (message.type === 'read') onRead(message.bytes, message.records);
				else if (message.type === 'failed') settle(() => reject(new Error(message.message)));
				else settle(() => resolve(validated(job.header, message)));
			} catch (e) {
				// The importing side failed (a write error): the thread is not needed any more.
				settle(() => reject(e));
			}
		});
		worker.on('error', (e) => settle(() => reject(e)));
		worker.on('exit', (code) => {
			if (!settled) reject(new Error(`The validating thread ended with exit code ${code}.`));
		});
	});
}

function validated(header: FileHeader, done: Extract<Message, { type: 'done' }>): Validated {
	const log = Object.assign(new IssueLog(), done.log);
	const watch = new StyleWatch(header);
	Object.assign(watch.vote.onlyStyle, done.onlyStyle);
	const rows = new MetricRows(presentMetrics(header), 0);
	return { valid: { kind: 'metrics', rows }, log, records: done.records, watch };
}

if (!isMainThread && (workerData as ValidateJob | undefined)?.job === 'benchlearn-validate') {
	void run(workerData as ValidateJob);
}
