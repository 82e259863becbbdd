/**
 * Heap per idle container: starts 10,000 bootcamp pods (one sandbox and one container each) and prints the heap they
 * take. Not a test. tsx keeps function names by adding a property to every closure, which inflates the figure, so
 * bundle it the way the product is built first:
 *   npx esbuild test/cluster/runtime/measure-heap.ts --bundle --platform=node --format=esm --outfile=/tmp/heap.mjs
 *   node --expose-gc /tmp/heap.mjs [count] [image]
 */
import {systemClock} from '../../../source/cluster/clock.js';
import {resolveImage} from '../../../source/cluster/runtime/catalogue.js';
import {startContainer} from '../../../source/cluster/runtime/container.js';
import {ImagePullError} from '../../../source/cluster/runtime/pull-error.js';
import {createPodSandbox} from '../../../source/cluster/runtime/sandbox.js';
import type {PodNetwork, RunningContainer} from '../../../source/cluster/runtime/types.js';

const count = Number(process.argv[2] ?? 10_000);
const imageName = process.argv[3] ?? 'gcr.io/google-samples/kubernetes-bootcamp:v1';
const gc = (globalThis as {gc?: () => void}).gc;
if (!gc) throw new Error('run with node --expose-gc');

const network: PodNetwork = {fetch: async () => ({status: 200, headers: {}, body: ''})};
const image = resolveImage(imageName);
if (image instanceof ImagePullError) throw image;

async function heap(): Promise<number> {
	for (let round = 0; round < 3; round++) {
		await new Promise(resolve => setImmediate(resolve));
		gc!();
	}
	return process.memoryUsage().heapUsed;
}

const logs: string[] = [];
const containers: RunningContainer[] = [];
// One warm-up container, so code and shared image data are not counted.
startContainer(image, {pod: createPodSandbox({name: 'warm-up', namespace: 'default', ip: '10.244.0.2', network, clock: systemClock}), containerName: 'app', env: [], log: line => logs.push(line)});
const before = await heap();
for (let index = 0; index < count; index++) {
	const pod = createPodSandbox({name: `web-7d9f8b6c5d-${index.toString(36).padStart(5, '0')}`, namespace: 'default', ip: `10.244.${index >> 8}.${index & 255}`, network, clock: systemClock});
	containers.push(
		startContainer(image, {
			pod,
			containerName: 'app',
			env: [{name: 'KUBERNETES_SERVICE_HOST', value: '10.96.0.1'}, {name: 'KUBERNETES_SERVICE_PORT', value: '443'}],
			log: () => {},
		}),
	);
}
const after = await heap();
const listening = containers.filter(container => container.listens().length > 0).length;
console.log(`${count} idle ${imageName} containers (${listening} listening): ${((after - before) / 1024 / 1024).toFixed(1)} MiB of heap, ${Math.round((after - before) / count)} bytes each`);
