export { social } from './social';
