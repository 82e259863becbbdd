// Run in a fresh process by bench/cluster.ts: boots an ephemeral cluster and exits once every node is Ready.
import {createCluster} from '../../source/cluster/cluster.js';

const cluster = await createCluster({nodes: 3, serviceListeners: false});
await cluster.ready();
await cluster.stop();
process.exit(0);
