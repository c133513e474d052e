import { styleText } from 'node:util';
import type { SupervisorOutput } from './supervisor';

const COLORS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'white'] as const;

/** Service lines on stdout behind `[name]`, coloured on a terminal; the supervisor's behind `[start]`. */
export function consoleOutput(): SupervisorOutput {
  const colored = process.stdout.isTTY === true;
  return {
    service: (name, index, line) => {
      const prefix = `[${name}]`;
      const color = COLORS[index % COLORS.length] ?? 'white';
      process.stdout.write(`${colored ? styleText(color, prefix) : prefix} ${line}\n`);
    },
    info: (line) => void process.stdout.write(`[start] ${line}\n`),
    error: (line) => void process.stderr.write(`[start] ${line}\n`),
  };
}
