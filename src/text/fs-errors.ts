/**
 * File-system error codes in words, for messages that name a path: "a symbolic link loop", "read-only file
 * system", instead of a bare code or, worse, a code that names the wrong cause.
 */
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
