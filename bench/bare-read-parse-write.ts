/**
 * The reference of the speed rows (issue 18 item 8): what a bare node script costs to read the same JSON Lines
 * fleet, parse each line and write one JSON line per machine to standard output; nothing judged. Run as
 * `node dist/bench/bare-read-parse-write.js FILE > /dev/null`. Written as one would write it: the file read as
 * a stream, split on newlines, each line parsed and a line written per machine.
 */
import * as fs from 'node:fs';

async function main(file: string): Promise<void> {
  let rest = '';
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      const m = JSON.parse(line) as { name: string; os?: unknown };
      process.stdout.write(JSON.stringify({ name: m.name, os: m.os ?? null, ready: null }) + '\n');
    }
  }
  if (rest.trim() !== '') {
    const m = JSON.parse(rest) as { name: string; os?: unknown };
    process.stdout.write(JSON.stringify({ name: m.name, os: m.os ?? null, ready: null }) + '\n');
  }
}

void main(process.argv[2]!);
