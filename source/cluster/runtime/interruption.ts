import type {Clock} from '../clock.js';

/** A signal a process can receive: the two stop signals, and INT from Ctrl-C on a terminal. */
export type ProcessSignal = 'TERM' | 'KILL' | 'INT';

type Waiter = (signal: ProcessSignal) => void;

/**
 * The signals delivered to one process group. Waiting costs nothing until someone waits, so an idle server holds only
 * this small object.
 */
export class Interruption {
	/** The pending signal, until a handler clears it (INT, or TERM under a trap). */
	signal: ProcessSignal | undefined;
	/** One waiter, or a set of them: most processes only ever have one (a server waiting to be stopped). */
	private waiters: Waiter | Set<Waiter> | undefined;
	private observers: Set<Waiter> | undefined;

	raise(signal: ProcessSignal): void {
		if (this.signal === 'KILL') return;
		this.signal = signal;
		const waiters = this.waiters;
		this.waiters = undefined;
		if (typeof waiters === 'function') waiters(signal);
		else if (waiters) for (const waiter of waiters) waiter(signal);
		if (this.observers) for (const observer of [...this.observers]) observer(signal);
	}

	/**
	 * A process group of its own that gets the signals of this one except those listed, as the children of a shell
	 * that traps TERM go on running. The returned function stops the relay.
	 */
	shielded(...ignored: ProcessSignal[]): {signals: Interruption; release(): void} {
		const signals = new Interruption();
		if (this.signal === 'KILL') signals.raise('KILL');
		const relay: Waiter = signal => {
			if (!ignored.includes(signal)) signals.raise(signal);
		};
		this.observers ??= new Set();
		this.observers.add(relay);
		return {signals, release: () => this.observers?.delete(relay)};
	}

	/** The signal was handled; later waits wait for the next one. */
	clear(): void {
		if (this.signal !== 'KILL') this.signal = undefined;
	}

	get stopped(): boolean {
		return this.signal === 'TERM' || this.signal === 'KILL';
	}

	/** Resolves with the pending signal, or the next one. */
	wait(): Promise<ProcessSignal> {
		if (this.signal) return Promise.resolve(this.signal);
		return new Promise(resolve => this.listen(resolve));
	}

	/** Calls back on the next signal; the returned function stops listening. */
	listen(waiter: Waiter): () => void {
		if (this.signal) {
			waiter(this.signal);
			return () => {};
		}
		if (this.waiters === undefined) this.waiters = waiter;
		else if (typeof this.waiters === 'function') this.waiters = new Set([this.waiters, waiter]);
		else this.waiters.add(waiter);
		return () => {
			if (this.waiters === waiter) this.waiters = undefined;
			else if (typeof this.waiters === 'object') this.waiters.delete(waiter);
		};
	}

	/** Sleeps on the clock; resolves false when a signal cut the sleep short. */
	sleep(clock: Clock, ms: number): Promise<boolean> {
		if (this.signal) return Promise.resolve(false);
		if (!Number.isFinite(ms)) return this.wait().then(() => false);
		return new Promise(resolve => {
			const timer = clock.setTimeout(() => {
				unlisten();
				resolve(true);
			}, Math.max(0, ms));
			const unlisten = this.listen(() => {
				timer.cancel();
				resolve(false);
			});
		});
	}
}

/** The exit status of a process ended by a signal, as a shell reports it (128 + the signal's number). */
export function signalExitCode(signal: ProcessSignal): number {
	if (signal === 'KILL') return 137;
	if (signal === 'INT') return 130;
	return 143;
}
