/** Runs the `entente` CLI in-process for tests, capturing what it prints. */
import { runCli } from '../cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A writable that keeps everything written to it, not a TTY. */
export function sink(): NodeJS.WriteStream & { text: string } {
  const s = { text: '', isTTY: false, write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

/** `entente <args>` with CI=true plus `env`; its exit code, stdout and stderr. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdout, stderr, env: { CI: 'true', ...env } });
  return { code, out: stdout.text, err: stderr.text };
}
