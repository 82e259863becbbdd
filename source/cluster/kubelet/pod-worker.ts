import type {Container, ContainerStatus, Pod, PodStatus, Probe, Volume} from 'kubernetes-types/core/v1.js';
import type {KubeObject} from '../api/object.js';
import {timestamp} from '../clock.js';
import {ApiError} from '../api/status.js';
import {ContainerLog} from './container-logs.js';
import type {ContainerExit, PodNetworkNamespace, ResolvedMount, RunningProgram} from './engine.js';
import {containerEnv, containerMounts, ContainerConfigError, volumeFiles, VolumeMountError} from './pod-env.js';
import {containerResources} from './resources.js';
import {mergeConditions, podPhase} from './pod-status.js';
import type {KubeletContext} from './kubelet-context.js';

type Timer = {cancel(): void};

type ProbeKind = 'startup' | 'readiness' | 'liveness';
type ProbeOutcome = {ok: true} | {ok: false; message: string};
const probeNames: Record<ProbeKind, string> = {startup: 'Startup', readiness: 'Readiness', liveness: 'Liveness'};

/** One container of a pod as the kubelet tracks it across restarts. */
type ContainerSlot = {
	spec: Container;
	init: boolean;
	/** An init container with restartPolicy Always: it starts in order with the others, then runs beside the app. */
	sidecar: boolean;
	/** Called once, when it has started (and passed its startup probe): a sidecar lets the next init container go. */
	afterStart?: () => void;
	/** The app containers are done: this sidecar is being stopped for good. */
	finishing?: boolean;
	log: ContainerLog;
	program?: RunningProgram;
	state: ContainerStatus['state'];
	lastState?: ContainerStatus['state'];
	restartCount: number;
	ready: boolean;
	/** Passed its startup probe (or has none) in this run: liveness and readiness probes may begin. */
	started: boolean;
	/** Ran at least once, so it has an imageID to report. */
	created: boolean;
	containerID?: string;
	backOffSeconds: number;
	timers: Timer[];
	/** Consecutive probe results per probe: positive successes, negative failures. */
	probes: Record<ProbeKind, number>;
	/** Called once the startup probe succeeds. */
	onStarted?: () => void;
	/** Stopped because its spec changed: restart at once, whatever the restart policy. */
	replaced?: boolean;
	startedAt: number;
};

/**
 * Runs one pod on one node: pulls images, runs init containers then containers, restarts them by restartPolicy with
 * CrashLoopBackOff, runs probes, writes status, and on deletion stops the containers within the grace period and
 * removes the pod object.
 */
export class PodWorker {
	pod: Pod;
	podIP: string;
	private readonly slots = new Map<string, ContainerSlot>();
	private network?: PodNetworkNamespace;
	private phaseInit = true;
	/** An init container failed for good (restartPolicy Never): the pod is Failed. */
	private initFailed = false;
	private startTime?: string;
	private statusDirty = false;
	private writing = false;
	private terminating = false;
	private stopped = false;
	/** Its node went dark (or the kubelet stopped): it writes nothing more. */
	private killed = false;
	private readonly pending: Timer[] = [];

	constructor(
		private readonly context: KubeletContext,
		pod: Pod,
		podIP: string,
	) {
		this.pod = pod;
		this.podIP = podIP;
		for (const spec of pod.spec?.initContainers ?? []) this.slots.set(spec.name, this.slot(spec, true));
		for (const spec of pod.spec?.containers ?? []) this.slots.set(spec.name, this.slot(spec, false));
	}

	get key(): string {
		return `${this.pod.metadata!.namespace}/${this.pod.metadata!.name}`;
	}

	get uid(): string {
		return this.pod.metadata!.uid!;
	}

	/** Starts the pod: init containers in order, then every container. */
	start(): void {
		this.startTime = this.pod.status?.startTime ?? timestamp(this.context.clock.now());
		const inits = [...this.slots.values()].filter(slot => slot.init);
		this.phaseInit = inits.length > 0;
		for (const slot of this.slots.values()) slot.state = {waiting: {reason: slot.init || !this.phaseInit ? 'ContainerCreating' : 'PodInitializing'}};
		this.markDirty();
		if (this.phaseInit) this.runInit(0);
		else for (const slot of this.slots.values()) this.launch(slot);
	}

	/** A newer version of the pod arrived from the API. */
	update(pod: Pod): void {
		const before = this.pod.metadata;
		this.pod = pod;
		const relabelled = JSON.stringify([before?.labels, before?.annotations]) !== JSON.stringify([pod.metadata?.labels, pod.metadata?.annotations]);
		if (pod.metadata?.deletionTimestamp && !this.terminating) {
			this.terminate(pod.metadata.deletionGracePeriodSeconds ?? 30);
			return;
		}
		// A pod's images may change (kubectl set image pod/...): such a container is restarted with the new one.
		for (const spec of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
			const slot = this.slots.get(spec.name);
			if (!slot || slot.spec.image === spec.image) continue;
			slot.spec = spec;
			if (!slot.program) continue;
			this.context.event(this.pod, 'Normal', 'Killing', `Container ${spec.name} definition changed, will be restarted`);
			slot.replaced = true;
			slot.program.stop('TERM');
		}
		if (relabelled) this.refreshVolumes();
	}

	/**
	 * Gives volumes their current content, as the kubelet's volume manager does: those showing a ConfigMap or Secret
	 * that changed, or (with no argument) those showing the pod's own fields. One that cannot be read keeps its files.
	 */
	refreshVolumes(changed?: {resource: 'configmaps' | 'secrets'; name: string}): void {
		if (!this.network || this.stopped || this.terminating) return;
		const withIp = {...this.pod, status: {...this.pod.status, podIP: this.podIP, hostIP: this.context.hostIP}};
		for (const volume of this.pod.spec?.volumes ?? []) {
			if (changed ? !showsObject(volume, changed) : !volume.downwardAPI && !volume.projected?.sources?.some(source => source.downwardAPI)) continue;
			let files: Record<string, string> | undefined;
			try {
				files = volumeFiles(this.context.api, withIp, volume, this.context.clock.now());
			} catch (error) {
				if (error instanceof VolumeMountError) continue;
				throw error;
			}
			if (files) this.context.engine.updateVolume(this.network, volume.name, files);
		}
	}

	/** The pod's network namespace, once its sandbox exists. */
	get sandbox(): PodNetworkNamespace | undefined {
		return this.network;
	}

	container(name: string | undefined): ContainerSlot | undefined {
		if (name) return this.slots.get(name);
		return [...this.slots.values()].find(slot => !slot.init);
	}

	containerNames(): string[] {
		return [...this.slots.values()].filter(slot => !slot.init).map(slot => slot.spec.name);
	}

	programs(): Array<{name: string; program: RunningProgram}> {
		const out: Array<{name: string; program: RunningProgram}> = [];
		for (const slot of this.slots.values()) if (slot.program && slot.state?.running) out.push({name: slot.spec.name, program: slot.program});
		return out;
	}

	/** The node went dark: everything stops at once, and nothing is reported (a dead kubelet cannot). */
	kill(): void {
		this.stopped = true;
		this.killed = true;
		for (const slot of this.slots.values()) {
			for (const timer of slot.timers.splice(0)) timer.cancel();
			slot.program?.stop('KILL');
		}
		for (const timer of this.pending.splice(0)) timer.cancel();
	}

	/** Graceful termination: TERM, wait up to the grace period, KILL, report, then remove the pod object. */
	terminate(graceSeconds: number): void {
		if (this.terminating) return;
		this.terminating = true;
		const running = [...this.slots.values()].filter(slot => slot.program && slot.state?.running);
		// Held apart from the slots, which forget a program as soon as it exits.
		const programs = running.map(slot => slot.program!);
		for (const slot of running) {
			this.context.event(this.pod, 'Normal', 'Killing', `Stopping container ${slot.spec.name}`);
			slot.program!.stop('TERM');
		}
		for (const slot of this.slots.values()) for (const timer of slot.timers.splice(0)) timer.cancel();
		const exits = programs.map(program => program.exited);
		const deadline = new Promise<void>(resolve => this.later(Math.max(0, graceSeconds) * 1000, resolve));
		void Promise.race([Promise.all(exits), deadline]).then(async () => {
			for (const program of programs) program.stop('KILL');
			this.stopped = true;
			if (this.killed) return;
			try {
				await this.context.api.delete('pods', this.pod.metadata!.namespace, this.pod.metadata!.name!, {
					gracePeriodSeconds: 0,
					preconditions: {uid: this.uid},
				});
			} catch (error) {
				if (!(error instanceof ApiError && (error.code === 404 || error.code === 409)) && !this.killed) throw error;
			}
			this.context.forget(this);
		});
	}

	private slot(spec: Container, init: boolean): ContainerSlot {
		return {spec, init, sidecar: init && spec.restartPolicy === 'Always', log: new ContainerLog(), state: {waiting: {reason: 'ContainerCreating'}}, restartCount: 0, ready: false, started: false, created: false, backOffSeconds: 0, timers: [], probes: {startup: 0, readiness: 0, liveness: 0}, startedAt: 0};
	}

	private runInit(index: number): void {
		const inits = [...this.slots.values()].filter(slot => slot.init);
		const slot = inits[index];
		if (!slot) {
			this.phaseInit = false;
			for (const main of this.slots.values()) if (!main.init) this.launch(main);
			this.markDirty();
			return;
		}
		if (slot.sidecar) {
			slot.afterStart = () => this.runInit(index + 1);
			this.launch(slot);
			return;
		}
		this.launch(slot, exit => {
			if (exit.exitCode === 0) this.runInit(index + 1);
			else {
				this.initFailed = true;
				this.markDirty();
			}
		});
	}

	/** Pull (or find) the image, then create and start the container. */
	private launch(slot: ContainerSlot, onExit?: (exit: ContainerExit) => void): void {
		if (this.stopped || this.terminating) return;
		const image = slot.spec.image ?? '';
		const pullError = this.context.engine.pullError(image);
		if (pullError?.reason === 'InvalidImageName') {
			slot.state = {waiting: {reason: 'InvalidImageName', message: pullError.message}};
			this.context.event(this.pod, 'Warning', 'InspectFailed', pullError.message);
			this.markDirty();
			return;
		}
		if (pullError) {
			this.context.event(this.pod, 'Normal', 'Pulling', `Pulling image "${image}"`);
			this.later(this.context.timings.imagePullMs, () => {
				const message = `Failed to pull image "${image}": ${pullError.message}`;
				this.context.event(this.pod, 'Warning', 'Failed', message);
				this.context.event(this.pod, 'Warning', 'Failed', 'Error: ErrImagePull');
				slot.state = {waiting: {reason: 'ErrImagePull', message}};
				this.markDirty();
				const delay = this.nextBackOff(slot);
				this.later(Math.min(1000, delay * 1000), () => {
					if (this.stopped || this.terminating) return;
					slot.state = {waiting: {reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"`}};
					this.context.event(this.pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
					this.markDirty();
				});
				this.later(delay * 1000, () => this.launch(slot, onExit));
			});
			return;
		}
		const present = this.context.imagePresent(image);
		const pullPolicy = slot.spec.imagePullPolicy ?? 'IfNotPresent';
		const pull = !present || pullPolicy === 'Always';
		const begin = () => {
			if (this.stopped || this.terminating) return;
			let env: Array<{name: string; value: string}>;
			let mounts: ResolvedMount[];
			try {
				const withIp = {...this.pod, status: {...this.pod.status, podIP: this.podIP, hostIP: this.context.hostIP}};
				mounts = containerMounts(this.context.api, withIp, slot.spec, this.context.clock.now());
				env = containerEnv(this.context.api, withIp, slot.spec);
			} catch (error) {
				if (error instanceof VolumeMountError) {
					// The volume is not there yet: the container waits in ContainerCreating, as behind a failed mount.
					slot.state = {waiting: {reason: 'ContainerCreating'}};
					this.context.event(this.pod, 'Warning', 'FailedMount', error.message);
					this.markDirty();
					this.later(2000, begin);
					return;
				}
				if (!(error instanceof ContainerConfigError)) throw error;
				slot.state = {waiting: {reason: 'CreateContainerConfigError', message: error.message}};
				this.context.event(this.pod, 'Warning', 'Failed', `Error: ${error.message}`);
				this.markDirty();
				this.later(2000, begin);
				return;
			}
			this.context.event(this.pod, 'Normal', 'Created', `Created container ${slot.spec.name}`);
			if (slot.restartCount > 0 || slot.lastState) slot.log.rotate();
			const now = this.context.clock.now();
			this.network ??= this.context.engine.sandbox({
				name: this.pod.metadata!.name!,
				namespace: this.pod.metadata!.namespace!,
				ip: this.podIP,
				nodeName: this.context.nodeName,
				hostname: this.pod.spec?.hostname,
			});
			const program = this.context.engine.start(this.network, {
				containerName: slot.spec.name,
				image,
				command: slot.spec.command as string[] | undefined,
				args: slot.spec.args as string[] | undefined,
				workingDir: slot.spec.workingDir,
				env,
				mounts,
				resources: containerResources(slot.spec),
				log: line => slot.log.write(this.context.clock.now(), line),
			});
			slot.program = program;
			slot.containerID = `kubedeck://${this.uid.slice(0, 8)}${slot.spec.name}${slot.restartCount}`;
			slot.startedAt = now;
			slot.state = {running: {startedAt: timestamp(now)}};
			slot.created = true;
			slot.started = !slot.spec.startupProbe;
			slot.probes = {startup: 0, readiness: 0, liveness: 0};
			slot.onStarted = undefined;
			slot.ready = (!slot.init || slot.sidecar) && !slot.spec.readinessProbe && !slot.spec.startupProbe;
			this.context.event(this.pod, 'Normal', 'Started', `Started container ${slot.spec.name}`);
			this.markDirty();
			this.startProbes(slot);
			if (slot.started) this.hasStarted(slot);
			void program.exited.then(exit => this.exited(slot, program, exit, onExit));
		};
		if (pull) {
			this.context.event(this.pod, 'Normal', 'Pulling', `Pulling image "${image}"`);
			const ms = this.context.timings.imagePullMs;
			this.later(ms, () => {
				this.context.rememberImage(image);
				const took = goDuration(ms);
				this.context.event(this.pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${this.context.engine.imageSize(image)} bytes.`);
				begin();
			});
		} else {
			this.context.event(this.pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
			begin();
		}
	}

	private exited(slot: ContainerSlot, program: RunningProgram, exit: ContainerExit, onExit?: (exit: ContainerExit) => void): void {
		if (slot.program !== program) return;
		for (const timer of slot.timers.splice(0)) timer.cancel();
		slot.log.end();
		const now = this.context.clock.now();
		const terminated = {
			exitCode: exit.exitCode,
			reason: exit.reason,
			...(exit.message ? {message: exit.message} : {}),
			startedAt: timestamp(slot.startedAt),
			finishedAt: timestamp(now),
			containerID: slot.containerID,
		};
		slot.ready = false;
		slot.program = undefined;
		if (this.stopped || this.terminating) {
			slot.state = {terminated};
			this.markDirty();
			return;
		}
		if (slot.replaced) {
			slot.replaced = false;
			slot.lastState = {terminated};
			slot.restartCount++;
			slot.state = {waiting: {reason: 'ContainerCreating'}};
			this.markDirty();
			this.launch(slot, onExit);
			return;
		}
		const podPolicy = this.pod.spec?.restartPolicy ?? 'Always';
		const policy = slot.sidecar ? (slot.finishing ? 'Never' : 'Always') : slot.init ? (podPolicy === 'Never' ? 'Never' : 'OnFailure') : podPolicy;
		const restart = policy === 'Always' || (policy === 'OnFailure' && exit.exitCode !== 0);
		if (!restart) {
			slot.state = {terminated};
			this.markDirty();
			onExit?.(exit);
			if (!slot.init) this.stopSidecarsWhenDone();
			return;
		}
		// A container that ran long enough starts its back-off afresh, as the kubelet's back-off resets.
		if (now - slot.startedAt > this.context.timings.backOffMaxSeconds * 2000) slot.backOffSeconds = 0;
		const delay = this.nextBackOff(slot);
		slot.lastState = {terminated};
		slot.restartCount++;
		slot.state = {waiting: {reason: 'CrashLoopBackOff', message: `back-off ${formatSeconds(delay)} restarting failed container=${slot.spec.name} pod=${this.pod.metadata!.name}_${this.pod.metadata!.namespace}(${this.uid})`}};
		this.context.event(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${slot.spec.name} in pod ${this.pod.metadata!.name}_${this.pod.metadata!.namespace}(${this.uid})`);
		this.markDirty();
		this.later(delay * 1000, () => this.launch(slot, onExit));
	}

	private hasStarted(slot: ContainerSlot): void {
		const next = slot.afterStart;
		slot.afterStart = undefined;
		next?.();
	}

	/** Once every app container has finished for good, the sidecars are stopped, so a Job's pod can complete. */
	private stopSidecarsWhenDone(): void {
		const slots = [...this.slots.values()];
		if (!slots.filter(slot => !slot.init).every(slot => slot.state?.terminated)) return;
		for (const slot of slots.filter(candidate => candidate.sidecar).reverse()) {
			slot.finishing = true;
			for (const timer of slot.timers.splice(0)) timer.cancel();
			if (!slot.program) continue;
			this.context.event(this.pod, 'Normal', 'Killing', `Stopping container ${slot.spec.name}`);
			const program = slot.program;
			program.stop('TERM');
			this.later((this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000, () => program.stop('KILL'));
		}
	}

	private nextBackOff(slot: ContainerSlot): number {
		const {backOffInitialSeconds, backOffMaxSeconds} = this.context.timings;
		slot.backOffSeconds = slot.backOffSeconds === 0 ? backOffInitialSeconds : Math.min(backOffMaxSeconds, slot.backOffSeconds * 2);
		return slot.backOffSeconds;
	}

	/**
	 * Probes as the kubelet's prober runs them: a startup probe first, holding back the others until it succeeds;
	 * then readiness (gating the Ready condition) and liveness (restarting the container) side by side.
	 */
	private startProbes(slot: ContainerSlot): void {
		const program = slot.program!;
		const schedule = (probe: Probe, kind: ProbeKind) => {
			const period = (probe.periodSeconds ?? 10) * 1000;
			let timer: Timer | undefined;
			const tick = () => {
				if (slot.program !== program || this.stopped || this.terminating) return;
				void this.probe(slot, program, probe).then(result => {
					if (slot.program !== program || this.stopped || this.terminating) return;
					const goOn = this.probeResult(slot, program, probe, kind, result);
					if (goOn) slot.timers.push((timer = this.context.clock.setTimeout(tick, period)));
				});
			};
			slot.timers.push((timer = this.context.clock.setTimeout(tick, (probe.initialDelaySeconds ?? 0) * 1000)));
			return () => timer?.cancel();
		};
		const startOthers = () => {
			if (slot.spec.readinessProbe) schedule(slot.spec.readinessProbe, 'readiness');
			if (slot.spec.livenessProbe) schedule(slot.spec.livenessProbe, 'liveness');
		};
		if (slot.spec.startupProbe) {
			slot.onStarted = startOthers;
			schedule(slot.spec.startupProbe, 'startup');
		} else startOthers();
	}

	/** Counts one probe result; returns whether that probe keeps running. */
	private probeResult(slot: ContainerSlot, program: RunningProgram, probe: Probe, kind: ProbeKind, result: ProbeOutcome): boolean {
		const success = kind === 'readiness' ? (probe.successThreshold ?? 1) : 1;
		const failure = probe.failureThreshold ?? 3;
		const count = slot.probes[kind];
		slot.probes[kind] = result.ok ? (count > 0 ? count + 1 : 1) : count < 0 ? count - 1 : -1;
		if (!result.ok) this.context.event(this.pod, 'Warning', 'Unhealthy', `${probeNames[kind]} probe failed: ${result.message}`);
		if (kind === 'readiness') {
			const ready = slot.probes[kind] >= success ? true : slot.probes[kind] <= -failure ? false : slot.ready;
			if (ready !== slot.ready) {
				slot.ready = ready;
				this.markDirty();
			}
			return true;
		}
		if (kind === 'startup' && slot.probes[kind] >= success) {
			slot.started = true;
			if (!slot.spec.readinessProbe) slot.ready = !slot.init || slot.sidecar;
			this.markDirty();
			slot.onStarted?.();
			this.hasStarted(slot);
			return false;
		}
		if (slot.probes[kind] <= -failure) {
			this.context.event(this.pod, 'Normal', 'Killing', `Container ${slot.spec.name} failed ${kind} probe, will be restarted`);
			program.stop('KILL');
			return false;
		}
		return true;
	}

	/** One probe, failed when it takes longer than timeoutSeconds (default 1), as the prober gives up. */
	private probe(slot: ContainerSlot, program: RunningProgram, probe: Probe): Promise<ProbeOutcome> {
		const seconds = probe.timeoutSeconds ?? 1;
		let onTimeout = () => {};
		let timer: Timer | undefined;
		const timedOut = new Promise<ProbeOutcome>(resolve => {
			timer = this.context.clock.setTimeout(() => {
				onTimeout();
				resolve({ok: false, message: this.timeoutMessage(slot, probe, seconds)});
			}, seconds * 1000);
		});
		const attempt = this.attempt(slot, program, probe, cancel => (onTimeout = cancel));
		return Promise.race([attempt, timedOut]).finally(() => timer?.cancel());
	}

	private timeoutMessage(slot: ContainerSlot, probe: Probe, seconds: number): string {
		const ip = this.podIP;
		if (probe.httpGet) {
			const port = this.resolvePort(slot, probe.httpGet.port);
			return `Get "${(probe.httpGet.scheme ?? 'HTTP').toLowerCase()}://${probe.httpGet.host ?? ip}:${port}${probe.httpGet.path ?? '/'}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
		}
		if (probe.exec?.command) return `command timed out: "${probe.exec.command.join(' ')}" timed out after ${seconds}s`;
		return `dial tcp ${ip}: i/o timeout`;
	}

	private async attempt(slot: ContainerSlot, program: RunningProgram, probe: Probe, onTimeout: (cancel: () => void) => void): Promise<ProbeOutcome> {
		const ip = this.podIP;
		try {
			if (probe.httpGet) {
				const port = this.resolvePort(slot, probe.httpGet.port);
				const path = probe.httpGet.path ?? '/';
				const headers: Record<string, string> = {'user-agent': 'kube-probe/1.32', accept: '*/*'};
				for (const header of probe.httpGet.httpHeaders ?? []) headers[header.name.toLowerCase()] = header.value;
				const url = `${(probe.httpGet.scheme ?? 'HTTP').toLowerCase()}://${probe.httpGet.host ?? ip}:${port}${path}`;
				const response = await this.network?.http({method: 'GET', path, headers, body: new Uint8Array()}, port);
				if (!response) return {ok: false, message: `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused`};
				if (response.status >= 200 && response.status < 400) return {ok: true};
				return {ok: false, message: `HTTP probe failed with statuscode: ${response.status}`};
			}
			if (probe.tcpSocket) {
				const port = this.resolvePort(slot, probe.tcpSocket.port);
				if (this.network?.ports().includes(port)) return {ok: true};
				return {ok: false, message: `dial tcp ${ip}:${port}: connect: connection refused`};
			}
			if (probe.exec?.command) {
				let output = '';
				const collect = (data: string) => void (output += data);
				const session = program.exec(probe.exec.command as string[], {tty: false, onStdout: collect, onStderr: collect});
				onTimeout(() => session.kill());
				session.closeStdin();
				const code = await session.exitCode;
				return code === 0 ? {ok: true} : {ok: false, message: output.trimEnd()};
			}
			if (probe.grpc) {
				if (this.network?.ports().includes(probe.grpc.port)) return {ok: true};
				return {ok: false, message: `timeout: failed to connect service "${ip}:${probe.grpc.port}" within 1s: context deadline exceeded`};
			}
		} catch (error) {
			return {ok: false, message: error instanceof Error ? error.message : String(error)};
		}
		return {ok: true};
	}

	private resolvePort(slot: ContainerSlot, port: number | string): number {
		if (typeof port === 'number') return port;
		const named = slot.spec.ports?.find(p => p.name === port)?.containerPort;
		return named ?? Number(port);
	}

	private later(ms: number, callback: () => void): void {
		const timer = this.context.clock.setTimeout(() => {
			const index = this.pending.indexOf(timer);
			if (index >= 0) this.pending.splice(index, 1);
			callback();
		}, ms);
		this.pending.push(timer);
	}

	private markDirty(): void {
		if (this.stopped && !this.terminating) return;
		this.statusDirty = true;
		if (!this.writing) {
			this.writing = true;
			queueMicrotask(() => void this.flush());
		}
	}

	/** Writes the status; changes that arrive while a write is under way go into the next one. */
	private async flush(): Promise<void> {
		while (this.statusDirty && !this.killed) {
			this.statusDirty = false;
			const status = this.status();
			try {
				const written = await this.context.api.modify(
					'pods',
					this.pod.metadata!.namespace,
					this.pod.metadata!.name!,
					pod => {
						if (pod.metadata.uid !== this.uid) return undefined;
						const previous = pod['status'] as PodStatus | undefined;
						pod['status'] = {...status, conditions: mergeConditions(previous?.conditions, status.conditions ?? [], timestamp(this.context.clock.now()))};
						return pod;
					},
					{status: true},
				);
				this.pod = {...this.pod, status: (written as KubeObject)['status'] as PodStatus};
			} catch (error) {
				if (!(error instanceof ApiError && error.code === 404) && !this.killed) throw error;
				break;
			}
		}
		this.writing = false;
	}

	private status(): PodStatus {
		const now = timestamp(this.context.clock.now());
		const all = [...this.slots.values()];
		const mains = all.filter(slot => !slot.init);
		const inits = all.filter(slot => slot.init);
		const toStatus = (slot: ContainerSlot): ContainerStatus => ({
			name: slot.spec.name,
			image: slot.spec.image ?? '',
			imageID: slot.created ? this.context.engine.imageId(slot.spec.image ?? '') : '',
			...(slot.containerID ? {containerID: slot.containerID} : {}),
			ready: slot.ready,
			started: Boolean(slot.state?.running) && slot.started,
			restartCount: slot.restartCount,
			state: slot.state,
			lastState: slot.lastState ?? {},
		});
		const containerStatuses = mains.map(toStatus);
		// Sidecars count towards readiness, as they do since Kubernetes 1.29.
		const gating = [...inits.filter(slot => slot.sidecar), ...mains];
		const allReady = mains.length > 0 && gating.every(slot => slot.ready);
		const restartPolicy = this.pod.spec?.restartPolicy ?? 'Always';
		const phase = this.initFailed ? 'Failed' : podPhase(containerStatuses, restartPolicy, !this.phaseInit);
		const notReady = gating.filter(slot => !slot.ready).map(slot => slot.spec.name);
		const containersReadyMessage = notReady.length ? `containers with unready status: [${notReady.join(' ')}]` : undefined;
		const finished = phase === 'Succeeded' || phase === 'Failed';
		const conditions = [
			{type: 'PodReadyToStartContainers', status: 'True'},
			{type: 'Initialized', status: this.phaseInit ? 'False' : 'True', ...(this.phaseInit ? {reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${inits.filter(s => (s.sidecar ? !s.started || !s.state?.running : s.state?.terminated?.exitCode !== 0)).map(s => s.spec.name).join(' ')}]`} : {})},
			{type: 'Ready', status: allReady ? 'True' : 'False', ...(allReady ? {} : {reason: finished ? 'PodCompleted' : 'ContainersNotReady', message: containersReadyMessage})},
			{type: 'ContainersReady', status: allReady ? 'True' : 'False', ...(allReady ? {} : {reason: finished ? 'PodCompleted' : 'ContainersNotReady', message: containersReadyMessage})},
			{type: 'PodScheduled', status: 'True'},
		];
		const status: PodStatus = {
			phase,
			conditions: conditions as PodStatus['conditions'],
			hostIP: this.context.hostIP,
			hostIPs: [{ip: this.context.hostIP}],
			podIP: this.podIP,
			podIPs: [{ip: this.podIP}],
			startTime: this.startTime ?? now,
			containerStatuses,
			qosClass: this.pod.status?.qosClass,
		};
		if (inits.length) status.initContainerStatuses = inits.map(toStatus);
		return status;
	}
}

function showsObject(volume: Volume, object: {resource: 'configmaps' | 'secrets'; name: string}): boolean {
	if (object.resource === 'configmaps')
		return volume.configMap?.name === object.name || Boolean(volume.projected?.sources?.some(source => source.configMap?.name === object.name));
	return volume.secret?.secretName === object.name || Boolean(volume.projected?.sources?.some(source => source.secret?.name === object.name));
}

/** A duration as Go prints it: 50ms, 1.25s. */
function goDuration(ms: number): string {
	return ms < 1000 ? `${ms}ms` : `${ms / 1000}s`;
}

function formatSeconds(seconds: number): string {
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	const rest = seconds % 60;
	return rest ? `${minutes}m${rest}s` : `${minutes}m0s`;
}
