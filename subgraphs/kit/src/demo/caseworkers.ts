import type { Department } from '@oneplan/protocol';

export interface DemoCaseworker {
  id: string;
  name: string;
  department: Department;
}

/** The demo municipality's caseworkers; ids are stable so dev tokens can name them (`--sub cw-emp-01`). */
export const DEMO_CASEWORKERS: readonly DemoCaseworker[] = [
  { id: 'cw-emp-01', name: 'Birgitte Holm', department: 'EMPLOYMENT' },
  { id: 'cw-emp-02', name: 'Jakob Mortensen', department: 'EMPLOYMENT' },
  { id: 'cw-emp-03', name: 'Sanne Kjær', department: 'EMPLOYMENT' },
  { id: 'cw-soc-01', name: 'Lise Bech', department: 'SOCIAL' },
  { id: 'cw-soc-02', name: 'Ole Vestergaard', department: 'SOCIAL' },
  { id: 'cw-soc-03', name: 'Nadia Hussain', department: 'SOCIAL' },
  { id: 'cw-hea-01', name: 'Karen Damgaard', department: 'HEALTH' },
  { id: 'cw-hea-02', name: 'Per Lauridsen', department: 'HEALTH' },
  { id: 'cw-hea-03', name: 'Signe Winther', department: 'HEALTH' },
  { id: 'cw-coo-01', name: 'Maja Overgaard', department: 'COORDINATION' },
  { id: 'cw-coo-02', name: 'Torben Skov', department: 'COORDINATION' },
  { id: 'cw-coo-03', name: 'Eva Lindberg', department: 'COORDINATION' },
];

/**
 * One of the department's demo caseworkers, drawn from `random`: who registered
 * a department's record. In the kit so every subgraph's demo names the same people.
 */
export function demoCaseworkerOf(random: { pick<T>(items: readonly T[]): T }, department: Department): string {
  return random.pick(DEMO_CASEWORKERS.filter((caseworker) => caseworker.department === department)).id;
}
