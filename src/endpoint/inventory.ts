/**
 * loadInventory: every machine of every input, one item at a time (streaming; memory flat). This file only
 * dispatches: each input is classified (inventory-classify.ts) and read by its reader (inventory-json.ts,
 * inventory-csv.ts, inventory-raw.ts, share.ts for folders); inventory-item.ts holds the item and its bounds.
 *
 * An INPUT is:
 *  - a directory of raw exports for ONE machine (files directly inside it), or a share of machine folders, with
 *    stray files, dated sub-folders, empty folders and links as they come (share.ts);
 *  - a canonical profile JSON: one object, or an array of objects (whole file read, max 64 MiB: use JSON Lines
 *    for bigger fleets);
 *  - a JSON Lines fleet: one profile object per line (the file's first line parses as a complete object);
 *  - a CSV fleet: header row with at least `name` and `os_version` (see CSV_FLEET_COLUMNS);
 *  - a single raw export file (systeminfo CSV, certutil text, …): one machine from that file alone.
 * The kind is detected by content, not by file name. Encodings: UTF-8 (BOM or not), UTF-16LE/BE, Shift_JIS.
 *
 * Errors: an input that cannot be read at all (missing, permission, neither file nor directory) throws
 * InputError before anything is yielded (all inputs are checked first). Bad content yields
 * `{ ok: false, source, line?, error }` and the import goes on with the next line / machine. After
 * MAX_BAD_LINES bad lines in one file, the file is abandoned with one final error item (a junk file must not
 * produce millions of items).
 */
import { newInputFileStats, type FleetKind, type InputKind } from './discover';
import { classify, classifyFile } from './inventory-classify';
import { fromCsvFleet, inventoryRowReader } from './inventory-csv';
import { errItem, type InventoryItem, type LoadOptions } from './inventory-item';
import { fromJsonLines, fromJsonLinesBatches, fromJsonWhole } from './inventory-json';
import { fromRawFile } from './inventory-raw';
import { walkDirectory } from './share';
import { SeenNames } from './seen-names';

export type { InventoryItem, LoadOptions } from './inventory-item';
export { MAX_BAD_LINES, MAX_LINE_BYTES } from './inventory-item';
export { CSV_FLEET_COLUMNS } from './inventory-csv';

/** A directory: one machine's exports, or a share of machine folders (share.ts: stray files, dated sets, links). */
async function* fromDirectory(dir: string, opts: LoadOptions): AsyncGenerator<InventoryItem> {
  const deps = {
    classify: (f: string) => classifyFile(f, opts),
    readFleet: (f: string, kind: FleetKind) => readFile(f, kind, opts),
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
    ...(opts.stats ? { stats: opts.stats } : {}),
  };
  try {
    yield* walkDirectory(dir, deps);
  } catch (e) {
    // inside an input that was readable, one unreadable machine is reported and the fleet goes on
    yield errItem(dir, e);
  }
}

/**
 * Reads machine profiles from what administrators export: machine directories (systeminfo, Get-HotFix,
 * certutil -store Root, registry exports, machine.json ... as Windows writes them: UTF-16LE with BOM, CRLF,
 * cp932), JSON Lines, JSON arrays and CSV fleet files. Streams: memory stays flat for any fleet size.
 * @param inputs files and directories (a share of machine folders: share.ts)
 * @param options how inventory CSVs are read (`columns`)
 * @returns an async iterator of items: `{ ok: true, profile, source }`, or `{ ok: false, source, line, error, skipped? }`
 *   for content that cannot be read as a profile (the file and line are named; the rest goes on)
 * @throws InputError when an input cannot be read at all (missing, permission, not a file or directory)
 */
export async function* loadInventory(inputs: string[], options: LoadOptions = {}): AsyncGenerator<InventoryItem> {
  // for…of and yield, not yield*: yield* over an array wraps it in an async iterator, a promise more per machine
  for await (const items of loadInventoryBatches(inputs, options)) for (let i = 0; i < items.length; i++) yield items[i]!;
}

/**
 * loadInventory's items in the same order, in batches (a JSON Lines file: one batch per chunk read; other
 * inputs: one item per batch): a reader of 100 000 machines pays an asynchronous step per batch instead of
 * several per machine (they were a quarter of `readiness --json`'s time). For the CLI; the same items.
 */
export async function* loadInventoryBatches(inputs: string[], options: LoadOptions = {}): AsyncGenerator<InventoryItem[]> {
  // a machine name already read (names compare as Windows compares computer names: case-insensitively) is
  // reported with both sources (an item of its own, before the machine); both machines are still read
  const seen = new SeenNames();
  for await (const batch of loadInventoryRaw(inputs, options)) {
    let out: InventoryItem[] | undefined;
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i]!;
      if (item.ok) {
        const first = seen.add(item.profile.name, item.source);
        if (first !== undefined) {
          // the batch copied from here on, with the duplicate's item before the machine
          out ??= batch.slice(0, i);
          out.push({ ok: false, source: item.source, error: `duplicate machine name "${item.profile.name}": also in ${first}` });
        }
      }
      out?.push(item);
    }
    yield out ?? batch;
  }
}

async function* loadInventoryRaw(inputs: string[], options: LoadOptions = {}): AsyncGenerator<InventoryItem[]> {
  const kinds: InputKind[] = [];
  for (const input of inputs) kinds.push(await classify(input, options));
  const stats = options.stats ?? newInputFileStats();
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const kind = kinds[i]!;
    if (kind === 'dir') {
      for await (const item of fromDirectory(input, { ...options, stats })) yield [item];
    } else {
      stats.read++;
      if (kind === 'jsonl') yield* fromJsonLinesBatches(input);
      else for await (const item of readFile(input, kind, options)) yield [item];
    }
  }
}

/** One file as its kind is read (a file given directly, or a fleet file found in a folder). */
async function* readFile(input: string, kind: Exclude<InputKind, 'dir'> | FleetKind, options: LoadOptions): AsyncGenerator<InventoryItem> {
  switch (kind) {
    case 'json-whole':
      yield* fromJsonWhole(input);
      break;
    case 'jsonl':
      yield* fromJsonLines(input);
      break;
    case 'csv-fleet':
      yield* fromCsvFleet(input);
      break;
    case 'csv-inventory':
      yield* fromCsvFleet(input, inventoryRowReader(options.columns));
      break;
    case 'raw':
      yield* fromRawFile(input);
      break;
  }
}
