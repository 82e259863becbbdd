export {createRegistry, Registry, type RegistryOptions} from './registry/registry.js';
