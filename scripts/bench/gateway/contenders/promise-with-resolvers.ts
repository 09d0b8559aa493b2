/** `Promise.withResolvers` (Node 22) for Node 20, where Hive Gateway's dependencies call it. */
const withResolvers = <T>() => {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const promise = Promise as unknown as { withResolvers?: typeof withResolvers };
promise.withResolvers ??= withResolvers;

export {};
