/**
 * APPX / MSIX packages and bundles (.appx .msix .appxbundle .msixbundle): a ZIP (zip.ts) whose signature is
 * the part AppxSignature.p7x = "PKCX" + a PKCS#7 ContentInfo, the last record of the archive.
 *
 * The signed digest (SpcIndirectDataContent with the APPX SIP's SpcSipInfo) is not one hash but a blob:
 *   "APPX" "AXPC" H(local records) "AXCD" H(central directory) "AXCT" H([Content_Types].xml)
 *   "AXBM" H(AppxBlockMap.xml) ["AXCI" H(AppxMetadata/CodeIntegrity.cat)]
 * with H the signature's digest algorithm, which must be the block map's HashMethod:
 *   AXPC  the bytes of every local record (header, data, descriptor) except the signature's: [0, its offset)
 *   AXCD  the central directory entries except the signature's, then the end records as they would be
 *         without it (entry counts, directory size and offset recomputed; disk numbers zero)
 *   AXCT/AXBM/AXCI  the uncompressed content of those parts
 * (Layout learned from osslsigncode's APPX support and packages made by MakeAppx; the differential tests
 * compare with osslsigncode.) Each part is compared on its own (APPX_DIGEST_MISMATCH names it), and the whole
 * blob again by the signature layer (DIGEST_MISMATCH).
 *
 * Checked beyond the digest, as Windows checks a package before it installs it:
 *   - the block map: every file of the ZIP but the footprint files ([Content_Types].xml, AppxBlockMap.xml,
 *     AppxSignature.p7x, AppxMetadata/CodeIntegrity.cat) is listed with its size and local header size, and
 *     the hash of each 64 KiB block of its uncompressed content; nothing else is listed
 *     (APPX_BLOCKMAP_MISMATCH);
 *   - [Content_Types].xml gives every part a content type (Override or Default), the signature included
 *     (MALFORMED_APPX);
 *   - the ZIP: records end to end, local headers agree with the directory, sizes and CRC-32 hold, the
 *     signature is the last record, nothing follows the end record (TRAILING_DATA).
 * A ZIP without AppxBlockMap.xml is no package: UNKNOWN_FORMAT.
 *
 * This file assembles the container; the parts are appx-parts.ts (names, bounds, error), appx-xml.ts (block map
 * and content types), appx-digest.ts (the digest blob) and appx-checks.ts (content types, block map, digest parts).
 */
import { VerifyError } from '../errors';
import { withOpenFile } from './open-file';
import { AppxDigest, appxBlob } from './appx-digest';
import { blockMapFailures, checkContentTypes, partFailures } from './appx-checks';
import { BLOCK_MAP_PART, CODE_INTEGRITY_PART, CONTENT_TYPES_PART, MAX_PART_SIZE, malformedAppx, type Parts, SIGNATURE_PART } from './appx-parts';
import { parseBlockMap, parseContentTypes } from './appx-xml';
import { BatchedDigestSource } from './file-hash';
import { fileAccess } from './pe-reader';
import { readEntry, readZip, type ZipArchive, type ZipEntry } from './zip';
import type { Failure, SignedContainer } from '../types';

export async function readAppxContainer(path: string): Promise<SignedContainer> {
  const zip = await withOpenFile(path, async (fh) => readZip(fileAccess(fh, (await fh.stat()).size)));
  return appxContainerOf(path, zip);
}

async function appxContainerOf(path: string, zip: ZipArchive): Promise<SignedContainer> {
  const byName = new Map<string, ZipEntry>();
  for (const e of zip.entries) {
    const key = e.name.toLowerCase();
    if (byName.has(key)) throw malformedAppx(`two entries named ${JSON.stringify(e.name)}`);
    byName.set(key, e);
  }
  const blockMapEntry = byName.get(BLOCK_MAP_PART.toLowerCase());
  if (!blockMapEntry) throw new VerifyError('UNKNOWN_FORMAT', `${path}: a ZIP archive without ${BLOCK_MAP_PART} is no APPX/MSIX package`);
  const contentTypesEntry = byName.get(CONTENT_TYPES_PART.toLowerCase());
  if (!contentTypesEntry) throw malformedAppx(`no ${CONTENT_TYPES_PART}`);
  const signatureEntry = byName.get(SIGNATURE_PART.toLowerCase()) ?? null;
  if (signatureEntry && signatureEntry !== zip.entries[zip.entries.length - 1]) throw malformedAppx(`${SIGNATURE_PART} is not the last record of the package`);
  const parts: Parts = { zip, signatureEntry, contentTypes: contentTypesEntry, blockMap: blockMapEntry, codeIntegrity: byName.get(CODE_INTEGRITY_PART.toLowerCase()) ?? null };

  const failures: Failure[] = [];
  if (zip.trailing > 0) failures.push({ code: 'TRAILING_DATA', message: `${zip.trailing} bytes follow the ZIP end record; they are not covered by the signature` });

  // content types: every part has one
  checkContentTypes(zip, contentTypesEntry, parseContentTypes(await readEntry(path, contentTypesEntry, MAX_PART_SIZE)));

  // block map against the files
  const blockMap = parseBlockMap(await readEntry(path, blockMapEntry, MAX_PART_SIZE));
  // an unsigned package's block hashes are not computed: nothing they say could make it valid, and their cost
  // is the package's declared content (up to 1 032 times the file's size), not the file's
  failures.push(...(await blockMapFailures(path, zip, blockMap, signatureEntry !== null)));

  let signatures: Uint8Array[] = [];
  if (signatureEntry) {
    const p7x = await readEntry(path, signatureEntry, MAX_PART_SIZE);
    if (p7x.length < 4 || p7x.toString('latin1', 0, 4) !== 'PKCX') throw malformedAppx(`${SIGNATURE_PART} does not start with "PKCX"`);
    signatures = [p7x.subarray(4)];
  }

  const digest = new AppxDigest(path, parts);
  const source = new BatchedDigestSource(async (algorithms) => {
    const all = await digest.parts(algorithms);
    return new Map(algorithms.map((a) => [a, appxBlob(all.get(a)!)]));
  });
  if (signatures.length) failures.push(...(await partFailures(signatures[0]!, blockMap.algorithm, source)));
  return { format: 'appx', signatures, failures, digestSource: source };
}
