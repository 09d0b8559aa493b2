import DataLoader from 'dataloader';

/**
 * DataLoader batch functions must answer exactly one result per key, in key order.
 * These shape rows fetched with one `WHERE key IN (…)` into that answer.
 */
export function oneByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const row of rows) if (!byKey.has(keyOf(row))) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

export function manyByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>();
  for (const row of rows) {
    const list = byKey.get(keyOf(row));
    if (list) list.push(row);
    else byKey.set(keyOf(row), [row]);
  }
  return keys.map((key) => byKey.get(key) ?? []);
}

/**
 * A per-request loader of at most one row per key: `fetch` reads every key asked
 * for in one tick with one `WHERE key IN (…)`.
 */
export function loaderOfOne<K, R>(fetch: (keys: K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => oneByKey(keys, await fetch([...keys]), keyOf));
}

/** A per-request loader of every row per key, in the order `fetch` returns them. */
export function loaderOfMany<K, R>(fetch: (keys: K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => manyByKey(keys, await fetch([...keys]), keyOf));
}

/** Which citizens' rows a loader reads: a department table's `where`. */
export interface CitizenIn {
  citizenId: { in: string[] };
}

/** A per-request loader of each citizen's rows of one table, in the order `find` returns them. */
export function rowsByCitizen<R extends { citizenId: string }>(
  find: (where: CitizenIn) => Promise<R[]>,
): DataLoader<string, R[]> {
  return loaderOfMany(
    (citizenIds: string[]) => find({ citizenId: { in: citizenIds } }),
    (row) => row.citizenId,
  );
}

/** A per-request loader of each citizen's one row of a table, or null. */
export function rowByCitizen<R extends { citizenId: string }>(
  find: (where: CitizenIn) => Promise<R[]>,
): DataLoader<string, R | null> {
  return loaderOfOne(
    (citizenIds: string[]) => find({ citizenId: { in: citizenIds } }),
    (row) => row.citizenId,
  );
}

/** Which goals' efforts a loader reads: a department effort table's `where`. */
export interface GoalIn {
  goalId: { in: string[] };
}

/** A per-request loader of the efforts that serve each goal, in the order `find` returns them. */
export function rowsByGoal<R extends { goalId: string | null }>(find: (where: GoalIn) => Promise<R[]>): DataLoader<string, R[]> {
  return loaderOfMany(
    (goalIds: string[]) => find({ goalId: { in: goalIds } }),
    // Found by `goalId IN (…)`, so never null.
    (row) => row.goalId as string,
  );
}
