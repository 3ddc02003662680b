// Entry of every upload worker thread: loads the TypeScript module named in workerData.entry through tsx's loader,
// which a worker does not inherit from its parent (Node 20–24, whether the parent runs under tsx or vitest).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
