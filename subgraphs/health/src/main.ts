import { runSubgraph } from '@oneplan/kit';
import { health } from './health';

runSubgraph(health);
