/** A one-line progress bar on a terminal; silent when piped, under CI, or asked to be quiet. */
export interface Progress {
  update(done: number, total: number, label: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let drawn = false;
  return {
    update(done, total, label) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const width = 24;
      const filled = total ? Math.round((done / total) * width) : 0;
      const cols = stream.columns ?? 80;
      const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
      stream.write(`\r\x1b[K${text.slice(0, cols - 1)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
