export { plan } from './plan';
