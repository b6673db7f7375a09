/** A buffered, synchronous file writer: rows go to disk in 64 KiB chunks, so memory stays flat. */
import * as fs from 'node:fs';

export class FileSink {
  private fd: number;
  private buf: string[] = [];
  private size = 0;

  constructor(readonly path: string) {
    this.fd = fs.openSync(path, 'w');
  }

  write(text: string): void {
    this.buf.push(text);
    this.size += text.length;
    if (this.size >= 65536) this.flush();
  }

  flush(): void {
    if (this.buf.length) fs.writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}
