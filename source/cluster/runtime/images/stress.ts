/**
 * kubedeck/stress: uses the CPU and memory it is asked for, for `kubectl top` and limits. STRESS_CPU ('500m', '2')
 * and STRESS_MEMORY ('128Mi'), or the arguments of the stress tools the Kubernetes docs use: `--cpus 2` (vish/stress)
 * and `--vm-bytes 150M` (polinux/stress). Memory grows over STRESS_RAMP_SECONDS (default 5); above the container's
 * memory limit it is OOMKilled. CPU is held to its limit, as the CFS quota would.
 */
import type {ImageDefinition} from '../image.js';
import {signalExitCode} from '../interruption.js';
import type {Process, Program} from '../process.js';
import {Mi, numberSetting, parseQuantity} from './common.js';
import {demoTags, demoVariant} from './demo-base.js';

function argument(process: Process, names: readonly string[]): string | undefined {
	const args = process.argv;
	for (let index = 1; index < args.length; index++) {
		for (const name of names) {
			if (args[index] === name) return args[index + 1];
			if (args[index].startsWith(`${name}=`)) return args[index].slice(name.length + 1);
		}
	}
	return undefined;
}

const stress: Program = async process => {
	const system = process.system;
	const cpuText = argument(process, ['--cpus', '-cpus']) ?? process.env.get('STRESS_CPU') ?? '0';
	const memoryText = argument(process, ['--vm-bytes', '-mem-total']) ?? process.env.get('STRESS_MEMORY') ?? '0';
	const cpu = parseQuantity(cpuText, 'cpu') ?? 0;
	const memory = parseQuantity(memoryText, 'memory') ?? 0;
	const rampMs = Math.max(0, numberSetting(process, 'ramp', 'STRESS_RAMP_SECONDS', 5)) * 1000;
	const hogs = Math.ceil(cpu / 1000);
	process.stdout.write(`stress: info: [1] dispatching hogs: ${hogs} cpu, 0 io, ${memory > 0 ? 1 : 0} vm, 0 hdd\n`);
	const limit = system.resources?.memoryLimitBytes;
	system.meter.demandCpuMilli = cpu;
	// Memory grows in steps to its target; an over-limit target is killed when it crosses the limit.
	const steps = 5;
	for (let step = 1; step <= steps && memory > 0; step++) {
		const finished = await process.signals.sleep(system.clock, rampMs / steps);
		if (!finished) return signalExitCode(process.signals.signal ?? 'TERM');
		system.meter.demandMemoryBytes = (memory * step) / steps;
		if (limit !== undefined && system.meter.demandMemoryBytes > limit) {
			system.outOfMemory();
			return 137;
		}
	}
	return signalExitCode(await process.signals.wait());
};

const image = demoVariant('/usr/local/bin/stress', stress, {idleCpuMilli: [0, 1], idleMemoryBytes: [1 * Mi, 2 * Mi], cpuMilliPerRequestRate: 0, memoryBytesPerRequestRate: 0, maxExtraMemoryBytes: 0});

export const stressImage: ImageDefinition = {
	repositories: ['stress'],
	variant: tag => (demoTags.has(tag) ? image : undefined),
};
