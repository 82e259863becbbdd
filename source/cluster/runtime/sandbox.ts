import type {Clock} from '../clock.js';
import {NetworkError} from './network-error.js';
import type {HttpRequest, HttpResponse, PodNetwork} from './types.js';

export type HttpHandler = (request: HttpRequest) => Promise<HttpResponse> | HttpResponse;

type Listener = {port: number; owner: object; handler: HttpHandler};

export type PodSandboxOptions = {
	name: string;
	namespace: string;
	/** The pod IP (status.podIP). */
	ip: string;
	network: PodNetwork;
	clock: Clock;
	/** spec.hostname, when it differs from the pod name. */
	hostname?: string;
	/** The cluster DNS service, for /etc/resolv.conf (default 10.96.0.10). */
	dnsIP?: string;
	/** Default cluster.local. */
	clusterDomain?: string;
	/** The node the pod runs on, for programs that print it. */
	nodeName?: string;
};

/**
 * One pod's shared network namespace and identity: the containers of a pod share its ports (two cannot listen on the
 * same one) and reach each other on localhost.
 */
export class PodSandbox {
	readonly name: string;
	readonly namespace: string;
	readonly ip: string;
	readonly network: PodNetwork;
	readonly clock: Clock;
	readonly hostname: string;
	readonly nodeName: string | undefined;
	private readonly dnsIP: string | undefined;
	private readonly clusterDomain: string | undefined;
	private listeners: Listener[] | undefined;

	constructor(options: PodSandboxOptions) {
		this.name = options.name;
		this.namespace = options.namespace;
		this.ip = options.ip;
		this.network = options.network;
		this.clock = options.clock;
		this.hostname = options.hostname ?? options.name;
		this.nodeName = options.nodeName;
		this.dnsIP = options.dnsIP;
		this.clusterDomain = options.clusterDomain;
	}

	/** Takes a port for a container; false when the pod already listens there. */
	listen(port: number, owner: object, handler: HttpHandler): boolean {
		if (this.listeners?.some(listener => listener.port === port)) return false;
		(this.listeners ??= []).push({port, owner, handler});
		return true;
	}

	/** Frees one port of a container, or all of them. */
	unlisten(owner: object, port?: number): void {
		if (!this.listeners) return;
		this.listeners = this.listeners.filter(listener => listener.owner !== owner || (port !== undefined && listener.port !== port));
		if (this.listeners.length === 0) this.listeners = undefined;
	}

	/** Ports the pod listens on, or those of one container. */
	listens(owner?: object): number[] {
		if (!this.listeners) return [];
		return this.listeners.filter(listener => owner === undefined || listener.owner === owner).map(listener => listener.port);
	}

	/**
	 * An HTTP request to the pod's IP and a port, answered by whichever container listens there; undefined when none
	 * does (connection refused).
	 */
	handleHttp(request: HttpRequest, port: number, owner?: object): Promise<HttpResponse> | undefined {
		const listener = this.listeners?.find(candidate => candidate.port === port && (owner === undefined || candidate.owner === owner));
		if (!listener) return undefined;
		try {
			return Promise.resolve(listener.handler(request)).catch(() => {
				throw new NetworkError('ECONNRESET', this.ip, this.ip, 'Connection reset by peer');
			});
		} catch {
			return Promise.reject(new NetworkError('ECONNRESET', this.ip, this.ip, 'Connection reset by peer'));
		}
	}

	/** Whether a host names this pod from inside it. */
	isSelf(host: string): boolean {
		return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]' || host === this.ip || host === this.hostname;
	}

	/** The files the kubelet writes into every container of the pod. */
	file(path: string): string | undefined {
		if (path === '/etc/hostname') return `${this.hostname}\n`;
		if (path === '/etc/hosts') return this.hosts();
		if (path === '/etc/resolv.conf') return this.resolvConf();
		return undefined;
	}

	private hosts(): string {
		return [
			'# Kubernetes-managed hosts file.',
			'127.0.0.1\tlocalhost',
			'::1\tlocalhost ip6-localhost ip6-loopback',
			'fe00::0\tip6-localnet',
			'fe00::0\tip6-mcastprefix',
			'fe00::1\tip6-allnodes',
			'fe00::2\tip6-allrouters',
			`${this.ip}\t${this.hostname}`,
			'',
		].join('\n');
	}

	private resolvConf(): string {
		const domain = this.clusterDomain ?? 'cluster.local';
		return [
			`search ${this.namespace}.svc.${domain} svc.${domain} ${domain}`,
			`nameserver ${this.dnsIP ?? '10.96.0.10'}`,
			'options ndots:5',
			'',
		].join('\n');
	}
}

export function createPodSandbox(options: PodSandboxOptions): PodSandbox {
	return new PodSandbox(options);
}
