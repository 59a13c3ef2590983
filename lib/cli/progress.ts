/** A one-line progress bar with ETA on a TTY; a line every 10 % elsewhere (CI, logs). */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDecile = -1;
  return (done: number, total: number) => {
    const fraction = total === 0 ? 1 : done / total;
    const percent = Math.floor(fraction * 100);
    const elapsedMs = Date.now() - started;
    const etaSeconds = fraction > 0 ? Math.round((elapsedMs / fraction - elapsedMs) / 1000) : 0;
    const eta = etaSeconds >= 60 ? `${Math.floor(etaSeconds / 60)}m${String(etaSeconds % 60).padStart(2, '0')}s` : `${etaSeconds}s`;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ETA ${eta}   `);
      if (done >= total) stream.write('\n');
    } else if (Math.floor(percent / 10) > lastDecile) {
      lastDecile = Math.floor(percent / 10);
      stream.write(`${label}: ${percent}% (ETA ${eta})\n`);
    }
  };
}
