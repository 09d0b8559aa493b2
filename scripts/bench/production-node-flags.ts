import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DOCKERFILE = join(__dirname, '../../Dockerfile');

/**
 * The node options a service's image starts it with: what its Dockerfile target's
 * `CMD ["node", …flags, "<entry>"]` puts between `node` and the entry. The benches
 * start each process with them, so that they measure the runtime production has
 * (the gateway's heap cap, say) from the one place that sets it.
 */
export function productionNodeFlags(target: string, dockerfile = readFileSync(DOCKERFILE, 'utf8')): string[] {
  const stage = dockerfile.split(/^FROM\s+/m).find((text) => new RegExp(`^\\S+\\s+AS\\s+${target}\\s*$`, 'im').test(text));
  const command = stage?.match(/^CMD\s+(\[.*\])\s*$/m)?.[1];
  if (!command) throw new Error(`the Dockerfile has no target ${target} with a CMD ["node", …]`);
  const words = JSON.parse(command) as unknown;
  if (!Array.isArray(words) || words[0] !== 'node' || words.length < 2 || !words.every((word) => typeof word === 'string'))
    throw new Error(`the Dockerfile's ${target} target does not start node: CMD ${command}`);
  return (words as string[]).slice(1, -1);
}
