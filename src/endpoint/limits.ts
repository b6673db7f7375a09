/**
 * Bounds on what one machine record may hold, so that no record read from a file (a fleet line, a profile, a
 * CSV row, an export) makes a report huge or a run fail for the others. A record over a bound is refused
 * with a per-record error naming the field and the bound; the other records are read. docs/security.md
 * lists them.
 *
 * Machine names: a Windows computer name is at most 15 characters as a NetBIOS name and 63 as a DNS host
 * label; a fully qualified DNS name is at most 255 (RFC 1035 §2.3.4). MAX_NAME_CHARS allows the longest
 * FQDN an inventory could hold and refuses anything longer: such a "name" is not a machine's.
 */
export const PROFILE_LIMITS = {
  /** a machine name (FQDN at most 255 octets, RFC 1035) */
  nameChars: 255,
  /** os.caption, os.architecture, a root store entry's subject */
  fieldChars: 1024,
  /** a root store entry's PEM (one certificate is a few KiB) */
  pemChars: 64 * 1024,
  /** one source (a file path; PATH_MAX is 4096 on Linux, 32 767 UTF-16 units for long Windows paths) */
  sourceChars: 32_767,
  /** entries of hotfixes / rootStore / sources (a machine has hundreds of updates and roots; far above that) */
  listEntries: 100_000,
  /** digits of a KB number (KB5011487: 7) */
  kbDigits: 9,
} as const;

/** The per-record message for a name over the bound (the name itself is not repeated: it may be a megabyte). */
export const NAME_TOO_LONG = `machine name longer than ${PROFILE_LIMITS.nameChars} characters (a Windows computer name is at most 15 (NetBIOS) or 63 (DNS label); a full DNS name at most 255)`;

/** A value for a message: at most `max` characters, with its length said when cut. */
export function clip(s: string, max = 80): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`;
}
