/**
 * kubedeck/crasher: serves on 8080 for a few seconds, then fails with exit code 1 — a CrashLoopBackOff on demand.
 * `--after=SECONDS` (or CRASH_AFTER) and `--exit-code=N` (or EXIT_CODE) change when and how.
 */
import type {ImageDefinition} from '../image.js';
import {signalExitCode} from '../interruption.js';
import type {Program} from '../process.js';
import {httpDate, Mi, numberSetting} from './common.js';
import {demoTags, demoVariant} from './demo-base.js';

const crasher: Program = async process => {
	const system = process.system;
	const after = numberSetting(process, 'after', 'CRASH_AFTER', 5);
	const code = Math.trunc(numberSetting(process, 'exit-code', 'EXIT_CODE', 1)) & 255;
	const host = system.pod.hostname;
	const started = system.clock.now();
	system.listen(8080, () => {
		const now = system.clock.now();
		system.meter.hit(now);
		const left = Math.max(0, after - (now - started) / 1000);
		return {status: 200, headers: {'content-type': 'text/plain', date: httpDate(now)}, body: `crasher on ${host}: still up, failing in ${left.toFixed(1)}s\n`};
	});
	process.stdout.write(`crasher: listening on :8080, will exit with code ${code} in ${after}s\n`);
	const finished = await process.signals.sleep(system.clock, after * 1000);
	if (!finished) return signalExitCode(process.signals.signal ?? 'TERM');
	process.stderr.write(`crasher: fatal: simulated failure after ${after}s, exiting with code ${code}\n`);
	return code;
};

const image = demoVariant('/usr/local/bin/crasher', crasher, {idleCpuMilli: [1, 2], idleMemoryBytes: [4 * Mi, 6 * Mi], cpuMilliPerRequestRate: 1, memoryBytesPerRequestRate: 0, maxExtraMemoryBytes: 0});

export const crasherImage: ImageDefinition = {
	repositories: ['crasher'],
	variant: tag => (demoTags.has(tag) ? image : undefined),
};
