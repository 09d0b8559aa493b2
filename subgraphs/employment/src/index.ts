export { employment } from './employment';
