/** How a rate of the counted unit reads: bytes as MB/s, anything else as items per second. */
const formatRate = (perSecond: number, unit: 'bytes' | 'items'): string => (unit === 'bytes' ? `${(perSecond / 1e6).toFixed(1)} MB/s` : `${perSecond.toFixed(0)}/s`);

/**
 * Progress of a long run: a live line on a terminal, a plain line every few seconds in logs.
 * `total` (when known) adds a bar and an ETA.
 */
export function createProgress(label: string, unit: 'bytes' | 'items' = 'items', stream: NodeJS.WriteStream = process.stderr, intervalMs = stream.isTTY ? 200 : 5000) {
  const started = Date.now();
  let last = 0;
  let lastLine = '';
  const format = (done: number, total: number | null, detail: string) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    let line = `${label}: ${done.toLocaleString('en')}`;
    if (total !== null && total > 0) {
      const ratio = Math.min(1, done / total);
      const width = 24;
      const filled = Math.round(ratio * width);
      const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
      line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0)}% ETA ${eta.toFixed(0)}s`;
    }
    return `${line} · ${detail} · ${formatRate(rate, unit)} · ${seconds.toFixed(0)}s`;
  };
  return {
    update(done: number, total: number | null, detail: string) {
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      lastLine = format(done, total, detail);
      if (stream.isTTY) stream.write(`\r${lastLine.slice(0, (stream.columns ?? 120) - 1)}\u001b[K`);
      else stream.write(`${lastLine}\n`);
    },
    done() {
      if (stream.isTTY && lastLine !== '') stream.write('\r\u001b[K');
    },
  };
}
