import { runSubgraph } from '@oneplan/kit';
import { social } from './social';

runSubgraph(social);
