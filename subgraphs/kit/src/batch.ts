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

/** A per-request loader of each citizen's rows of one table, in the order `fetch` returns them. */
export function rowsByCitizen<R extends { citizenId: string }>(
  fetch: (citizenIds: string[]) => Promise<R[]>,
): DataLoader<string, R[]> {
  return loaderOfMany(fetch, (row) => row.citizenId);
}

/** A per-request loader of each citizen's one row of a table, or null. */
export function rowByCitizen<R extends { citizenId: string }>(
  fetch: (citizenIds: string[]) => Promise<R[]>,
): DataLoader<string, R | null> {
  return loaderOfOne(fetch, (row) => row.citizenId);
}

/** A per-request loader of the efforts that serve each goal, in the order `fetch` returns them. */
export function rowsByGoal<R extends { goalId: string | null }>(
  fetch: (goalIds: string[]) => Promise<R[]>,
): DataLoader<string, R[]> {
  // Fetched by goal id, so never null.
  return loaderOfMany(fetch, (row) => row.goalId as string);
}
