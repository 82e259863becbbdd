/** Child process for the lock test: opens a file store in the given directory, prints `ready`, and waits to be killed. */
import {FileBackend} from '../../source/cluster/store/file.js';

await FileBackend.open({dataDir: process.argv[2]});
process.stdout.write('ready\n');
setInterval(() => {}, 60_000);
