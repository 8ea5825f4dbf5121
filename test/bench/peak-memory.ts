// Peak-memory sampling for benchmarks: resident set size polled while a task runs, plus the
// kernel's own high-water mark (maxRSS) for the whole process.

export interface MemoryReport {
  /** Highest RSS seen while the task ran, MiB. */
  readonly peakRssMiB: number;
  /** Highest JS heap used seen while the task ran, MiB. */
  readonly peakHeapMiB: number;
}

export async function withPeakMemory<T>(task: () => Promise<T>): Promise<{ result: T; memory: MemoryReport }> {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  }, 20);
  try {
    const result = await task();
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    return { result, memory: { peakRssMiB: peakRss / 2 ** 20, peakHeapMiB: peakHeap / 2 ** 20 } };
  } finally {
    clearInterval(timer);
  }
}
