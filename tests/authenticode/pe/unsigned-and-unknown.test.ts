import * as path from 'node:path';
import { verifyFile } from '../../../src/authenticode/verify-file';
import { buildPe } from '../../helpers/pe-writer';
import { codes, tempDir, verifyBytes } from './fixtures';

describe('files without a signature, or that are not PE / MSI', () => {
  it('an unsigned PE is "unsigned" with NOT_SIGNED', async () => {
    const r = await verifyBytes(buildPe());
    expect(r).toMatchObject({ format: 'pe', verdict: 'unsigned', acs: false, signatures: [] });
    expect(codes(r)).toEqual(['NOT_SIGNED']);
  });

  it('a file that is neither PE nor MSI is malformed with UNKNOWN_FORMAT', async () => {
    const r = await verifyBytes(Buffer.from('#!/bin/sh\necho hello\n'), {}, 'script.exe');
    expect(r).toMatchObject({ format: 'unknown', verdict: 'malformed', acs: false });
    expect(codes(r)).toEqual(['UNKNOWN_FORMAT']);
  });

  it('a missing file is reported with IO_ERROR, not thrown', async () => {
    const r = await verifyFile(path.join(tempDir(), 'does-not-exist.exe'));
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['IO_ERROR']);
  });

  it('a directory given as a file is reported with IO_ERROR, not thrown', async () => {
    const r = await verifyFile(tempDir());
    expect(codes(r)).toEqual(['IO_ERROR']);
  });
});
