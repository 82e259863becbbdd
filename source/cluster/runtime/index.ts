/** The built-in container runtime in one import; types.ts says how a kubelet and the service network use it. */
export {resolveImage} from './catalogue.js';
export {startContainer} from './container.js';
export {ExecStartError} from './exec-start-error.js';
export {NetworkError, type NetworkErrorCode} from './network-error.js';
export {ImagePullError} from './pull-error.js';
export {createPodSandbox, PodSandbox, type PodSandboxOptions} from './sandbox.js';
export {Volume} from './volume.js';
export type * from './types.js';
