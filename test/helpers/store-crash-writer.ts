/**
 * Child process for the crash test: opens a file store in the directory given as the first argument and writes as
 * fast as it can from several concurrent writers (second argument) until it is killed, each walking crashOps. Every
 * acknowledged write is printed as one line, `<writer> <key> <state>`. Prints `ready` once the store is open.
 */
import {FileBackend} from '../../source/cluster/store/file.js';
import {crashOps, crashValue} from './store-crash-value.js';

const [dataDir, writerArgument, round] = process.argv.slice(2);
const writers = Number(writerArgument);
// A small threshold, so snapshots and log rotation happen (and get interrupted) during the test.
const store = await FileBackend.open({dataDir, snapshotLogBytes: 64 * 1024});
process.stdout.write('ready\n');

async function write(writer: number): Promise<void> {
	for (const {key, state} of crashOps(round, writer)) {
		if (state === 'created') {
			await store.create(key, crashValue(key, state));
		} else if (state === 'updated') {
			await store.update(key, crashValue(key, state), store.get(key)!.modRevision);
		} else {
			await store.delete(key);
		}

		process.stdout.write(`${writer} ${key} ${state}\n`);
	}
}

await Promise.all(Array.from({length: writers}, async (_, writer) => write(writer)));
