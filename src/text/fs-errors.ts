/**
 * File-system error codes in words, for messages that name a path: "a symbolic link loop", "read-only file
 * system", instead of a bare code or, worse, a code that names the wrong cause.
 */
import { promises as fsPromises, type promises as FsPromises } from 'node:fs';

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ELOOP: 'a loop of symbolic links',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder, not a file',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  EBUSY: 'busy (in use or a mount point)',
  EIO: 'input/output error',
};

/** `code` in words with the code itself: "read-only file system (EROFS)"; the message for unknown codes. */
export function fsErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  if (code && WORDS[code]) return `${WORDS[code]} (${code})`;
  return code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * What keeps a file the library is about to read from being read: undefined for a readable regular file,
 * else the words ("no such file", "a directory, not a file", "cannot be read (EACCES)"). The callers turn it
 * into their own error: InputError (endpoint/readable-file.ts), VerifyError IO_ERROR for a catalog
 * (authenticode/readable-catalogs.ts).
 */
export async function unreadableFile(file: string): Promise<string | undefined> {
  let handle: FsPromises.FileHandle | undefined;
  try {
    const st = await fsPromises.stat(file);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: st.isDirectory() ? 'EISDIR' : 'not a regular file' });
    handle = await fsPromises.open(file, 'r');
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : `cannot be read (${code ?? (e as Error).message})`;
  } finally {
    await handle?.close();
  }
}
