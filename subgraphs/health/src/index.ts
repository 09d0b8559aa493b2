export { health } from './health';
