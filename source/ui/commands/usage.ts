/** One line of usage per command, shown after a mistake and in the help screen. */
export const usage: Record<string, string> = {
	view: ':<kind> [NAMESPACE|all] [LABEL=VALUE]   e.g. :pods, :deploy kube-system, :po app=web',
	ns: ':ns [NAME]                      switch namespace (no name: list namespaces)',
	quit: ':q                              quit',
	help: ':help                           keys and commands',
	theme: ':theme NAME                     dark, light, high-contrast, monochrome or a JSON file',
	ctx: ':ctx                            contexts',
	scale: ':scale KIND/NAME REPLICAS | --replicas=N',
	label: ':label KIND/NAME KEY=VALUE... [KEY-] [--overwrite]',
	expose: ':expose deploy/NAME --port=PORT [--target-port=PORT] [--type=ClusterIP|NodePort|LoadBalancer] [--name=NAME]',
	set: ':set image deploy/NAME CONTAINER=IMAGE...',
	rollout: ':rollout undo|restart|status|history deploy/NAME [--to-revision=N]',
	delete: ':delete KIND/NAME [--cascade=background|foreground|orphan]',
	create: ':create deployment NAME --image=IMAGE [--replicas=N]',
	apply: ':apply -f FILE',
	cordon: ':cordon NODE',
	uncordon: ':uncordon NODE',
	drain: ':drain NODE',
	node: ':node stop|start NODE',
};

/** Verbs, in the order completion offers them. */
export const verbs = ['scale', 'label', 'expose', 'set', 'rollout', 'delete', 'create', 'apply', 'cordon', 'uncordon', 'drain', 'node', 'ns', 'theme', 'ctx', 'help', 'q'];
