/**
 * kubedeck's command line: the help text and one table of flags. meow reads the table for the dashboard, --help and
 * --version; parseQuickly reads the same table with node:util's parseArgs for `serve` and `kubeconfig`, which start
 * without meow's 40-75 ms of package-data checks.
 */
import {parseArgs} from 'node:util';

export const helpText = `
		Usage
		  $ kubedeck [options]                 open the dashboard on the embedded cluster
		  $ kubedeck serve [options]           run the embedded cluster and its Kubernetes API, no dashboard
		  $ kubedeck kubeconfig [--data-dir D] print the kubeconfig path of a cluster, for export KUBECONFIG=...

		Cluster
		  --data-dir DIR        cluster directory (default ~/.local/share/kubedeck)
		  --ephemeral           a throwaway in-memory cluster
		  --nodes N             nodes of a new cluster (default 3)
		  --ingress-port N      serve Ingress routes on this port (0: any free port; default: no Ingress listener)
		  --max-pods N          pods each new node accepts (default 10000; Kubernetes' kubelet default is 110)
		  --demo                seed the tutorial's workloads on an empty cluster
		  --kubernetes-timings  real Kubernetes timings (50 s node grace, 300 s eviction, 10 s-5 min back-off)
		                        instead of the compressed demo timings (self-healing within ~20 s)

		Serve
		  --address ADDR        API address (default 127.0.0.1)
		  --port N              API port (default 0: any free port)
		  --kubeconfig-out FILE also write the kubeconfig here once the API is ready

		Dashboard
		  --kubeconfig FILE     attach to a real cluster through this kubeconfig
		  --context NAME        the kubeconfig context to use
		  -n, --namespace NS    start in this namespace
		  --theme NAME|FILE     default, light, high-contrast, monochrome, or a theme file
		  --readonly            hide and refuse every action that changes the cluster

		First keys in the dashboard
		  j/k move   enter drill down   esc back   :deploy :svc :no switch panes   /  filter
		  d describe   l logs   s scale   ?  help   :q quit

		  --version, --help
	`;

/** Every flag, as meow's `flags` option spells it (camelCase keys; --data-dir on the command line). */
export const flagTable = {
	dataDir: {type: 'string'},
	ephemeral: {type: 'boolean', default: false},
	nodes: {type: 'number'},
	maxPods: {type: 'number'},
	ingressPort: {type: 'number'},
	demo: {type: 'boolean', default: false},
	kubernetesTimings: {type: 'boolean', default: false},
	address: {type: 'string', default: '127.0.0.1'},
	port: {type: 'number', default: 0},
	kubeconfigOut: {type: 'string'},
	kubeconfig: {type: 'string'},
	context: {type: 'string'},
	namespace: {type: 'string', shortFlag: 'n'},
	theme: {type: 'string'},
	readonly: {type: 'boolean', default: false},
} as const;

type FlagTable = typeof flagTable;
type ValueOf<Spec> = Spec extends {type: 'string'} ? string : Spec extends {type: 'number'} ? number : boolean;

/** The parsed flags: those with a default are always there. */
export type CommandLineFlags = {
	[Name in keyof FlagTable as FlagTable[Name] extends {default: unknown} ? Name : never]: ValueOf<FlagTable[Name]>;
} & {
	[Name in keyof FlagTable as FlagTable[Name] extends {default: unknown} ? never : Name]?: ValueOf<FlagTable[Name]>;
};

export type CommandLine = {input: string[]; flags: CommandLineFlags};

/** The commands parseQuickly reads; everything else (the dashboard, --help, --version) goes through meow. */
const quickCommands = new Set(['serve', 'kubeconfig']);

const kebabCase = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/**
 * Parses `serve` and `kubeconfig` command lines exactly as meow would. Returns undefined for anything it is not
 * sure of (another command, --help, an unknown or repeated flag, --no-x, --, a number that is not one), which meow then
 * reads and answers as it always has.
 */
export function parseQuickly(argv: readonly string[]): CommandLine | undefined {
	// After --, meow and parseArgs part ways on what is input.
	if (argv.includes('--')) return undefined;
	const options: Record<string, {type: 'string' | 'boolean'; short?: string; multiple: true}> = {};
	for (const [name, spec] of Object.entries(flagTable)) {
		options[kebabCase(name)] = {type: spec.type === 'boolean' ? 'boolean' : 'string', multiple: true, ...('shortFlag' in spec ? {short: spec.shortFlag} : {})};
	}
	let parsed;
	try {
		parsed = parseArgs({args: [...argv], options, strict: true, allowPositionals: true});
	} catch {
		return undefined;
	}
	if (!quickCommands.has(parsed.positionals[0] ?? '')) return undefined;
	const flags: Record<string, string | number | boolean> = {};
	for (const [name, spec] of Object.entries(flagTable)) {
		const values = parsed.values[kebabCase(name)] as Array<string | boolean> | undefined;
		if (values === undefined) {
			if ('default' in spec) flags[name] = spec.default;
			continue;
		}
		if (values.length > 1) return undefined;
		const value = values[0]!;
		if (spec.type === 'number') {
			const number = Number(value);
			if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(number)) return undefined;
			flags[name] = number;
		} else flags[name] = value;
	}
	return {input: parsed.positionals, flags: flags as CommandLineFlags};
}
