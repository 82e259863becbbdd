/** Runs the dashboard against the fake client in a real terminal, for trying it by hand: npx tsx test/helpers/ui-demo.tsx [PODS] */
import {runDashboard} from '../../source/ui/run.js';
import {createMemorySettings} from '../../source/ui/settings/memory-settings.js';
import {FakeClusterClient} from './ui-fake-client.js';
import {bootcampObjects, podObject} from './ui-objects.js';

const extra = Number(process.argv[2] ?? 0);
const objects = bootcampObjects(2);
for (let index = 0; index < extra; index++) {
	objects.push(podObject(`load-${String(index).padStart(5, '0')}-abcde`, {namespace: 'default', node: `node-${(index % 2) + 1}`}));
}

const client = new FakeClusterClient({
	objects,
	logs(_namespace, pod, _options, emit) {
		emit([`${new Date().toISOString()} Kubernetes Bootcamp App Started At: ${new Date().toISOString()} | Running On:  ${pod}`]);
		let count = 0;
		const timer = setInterval(() => emit([`${new Date().toISOString()} request ${++count}`]), 1000);
		return () => clearInterval(timer);
	},
	nodeMetrics: [{name: 'node-1', cpuMilli: 350, memoryBytes: 2 * 2 ** 30}, {name: 'node-2', cpuMilli: 120, memoryBytes: 2 ** 30}],
});
const code = await runDashboard({client, settings: createMemorySettings(), kubeconfigHint: '/tmp/kubedeck/kubeconfig'});
process.exit(code);
