/** A gateway under comparison, started in its own process over the neutral supergraph. */
export interface RunningContender {
  url: string;
  stop(): Promise<void>;
}

export type ContenderStart = (options: { supergraphSdl: string; port: number }) => Promise<RunningContender>;
