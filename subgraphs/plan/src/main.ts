import { runSubgraph } from '@oneplan/kit';
import { plan } from './plan';

runSubgraph(plan);
