import { runSubgraph } from '@oneplan/kit';
import { employment } from './employment';

runSubgraph(employment);
