import type {Clock} from '../clock.js';
import {resolveImage} from '../runtime/catalogue.js';
import {startContainer} from '../runtime/container.js';
import {ImagePullError} from '../runtime/pull-error.js';
import {createPodSandbox, type PodSandbox} from '../runtime/sandbox.js';
import type {ImageProgram, Mount, PodNetwork} from '../runtime/types.js';
import {Volume} from '../runtime/volume.js';
import type {ContainerEngine, HttpResponse, PodNetworkNamespace} from './engine.js';

/** A pod's sandbox as the kubelet holds it: the runtime's sandbox plus the pod's volumes, shared by its containers. */
class Sandbox implements PodNetworkNamespace {
	readonly volumes = new Map<string, Volume>();
	constructor(readonly pod: PodSandbox) {}

	http(request: Parameters<PodNetworkNamespace['http']>[0], port: number): Promise<HttpResponse> | undefined {
		const answer = this.pod.handleHttp({...request, body: request.body}, port);
		return answer?.then(response => ({status: response.status, headers: response.headers, body: Buffer.from(response.body)}));
	}

	ports(): number[] {
		return this.pod.listens();
	}
}

/** The kubelet's ContainerEngine over the built-in runtime (source/cluster/runtime/). */
export function builtinEngine(options: {clock: Clock; network: (namespace: string) => PodNetwork}): ContainerEngine {
	const images = new Map<string, ImageProgram | ImagePullError>();
	const resolve = (image: string) => {
		let resolved = images.get(image);
		if (!resolved) images.set(image, (resolved = resolveImage(image)));
		return resolved;
	};
	return {
		pullError(image) {
			const resolved = resolve(image);
			return resolved instanceof ImagePullError ? {reason: resolved.reason, message: resolved.message} : undefined;
		},
		imageId(image) {
			const resolved = resolve(image);
			return resolved instanceof ImagePullError ? '' : resolved.imageID;
		},
		imageSize(image) {
			const resolved = resolve(image);
			return resolved instanceof ImagePullError ? 0 : resolved.sizeBytes;
		},
		sandbox(pod) {
			return new Sandbox(
				createPodSandbox({name: pod.name, namespace: pod.namespace, ip: pod.ip, nodeName: pod.nodeName, hostname: pod.hostname, clock: options.clock, network: options.network(pod.namespace)}),
			);
		},
		updateVolume(sandbox, name, files) {
			(sandbox as Sandbox).volumes.get(name)?.replace(files);
		},
		start(sandbox, context) {
			const resolved = resolve(context.image);
			if (resolved instanceof ImagePullError) throw resolved;
			const box = sandbox as Sandbox;
			const mounts: Mount[] = context.mounts.map(mount => {
				let volume = box.volumes.get(mount.volume);
				// A subPath mount is a copy made at start: it never sees later updates, as in Kubernetes.
				if (mount.files && mount.subPath) volume = new Volume(mount.files, {readOnly: true});
				else if (mount.files) {
					if (volume) volume.replace(mount.files);
					else box.volumes.set(mount.volume, (volume = new Volume(mount.files, {readOnly: true})));
				} else if (!volume) box.volumes.set(mount.volume, (volume = new Volume()));
				return {mountPath: mount.mountPath, volume, readOnly: mount.readOnly, ...(mount.subPath ? {subPath: mount.subPath} : {})};
			});
			const container = startContainer(resolved, {
				pod: box.pod,
				containerName: context.containerName,
				env: context.env,
				command: context.command,
				args: context.args,
				workingDir: context.workingDir,
				mounts,
				resources: context.resources,
				log: context.log,
			});
			return {
				exited: container.exited,
				stop: signal => container.stop(signal),
				ports: () => container.listens(),
				usage: () => container.usage(),
				exec(command, io) {
					const session = container.exec(command, {tty: io.tty, stdin: io.stdin ?? io.tty, onStdout: io.onStdout, onStderr: io.onStderr});
					return {
						write: data => session.write(data),
						closeStdin: () => session.closeStdin(),
						resize: (width, height) => session.resize(width, height),
						kill: () => session.kill(),
						exitCode: session.exitCode,
					};
				},
			};
		},
	};
}
