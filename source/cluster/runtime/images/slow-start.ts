/**
 * kubedeck/slow-start: warms up for a while (20 s, or `--delay=SECONDS`, or START_DELAY) before it listens on 8080;
 * readiness and startup probes have something to wait for.
 */
import type {ImageDefinition} from '../image.js';
import {signalExitCode} from '../interruption.js';
import type {Program} from '../process.js';
import {httpDate, Mi, numberSetting} from './common.js';
import {demoTags, demoVariant} from './demo-base.js';

const slowStart: Program = async process => {
	const system = process.system;
	const delay = numberSetting(process, 'delay', 'START_DELAY', 20);
	const host = system.pod.hostname;
	process.stdout.write(`slow-start: warming up, ready in ${delay}s\n`);
	const warmed = await process.signals.sleep(system.clock, delay * 1000);
	if (!warmed) return signalExitCode(process.signals.signal ?? 'TERM');
	const readyAt = system.clock.now();
	system.listen(8080, request => {
		const now = system.clock.now();
		system.meter.hit(now);
		process.stdout.write(`slow-start: ${request.method} ${request.path} from ${request.remoteAddress ?? '127.0.0.1'}\n`);
		return {status: 200, headers: {'content-type': 'text/plain', date: httpDate(now)}, body: `slow-start on ${host}: ready for ${Math.round((now - readyAt) / 1000)}s\n`};
	});
	process.stdout.write('slow-start: ready, listening on :8080\n');
	return signalExitCode(await process.signals.wait());
};

const image = demoVariant('/usr/local/bin/slow-start', slowStart, {idleCpuMilli: [1, 2], idleMemoryBytes: [5 * Mi, 7 * Mi], cpuMilliPerRequestRate: 1, memoryBytesPerRequestRate: 0, maxExtraMemoryBytes: 0});

export const slowStartImage: ImageDefinition = {
	repositories: ['slow-start'],
	variant: tag => (demoTags.has(tag) ? image : undefined),
};
